import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titledPaper } from '../../../test/support/imported-paper';
import { assignTopics } from './assign-topics';

const paper = (id: string, title: string, abstract: string) => titledPaper(id, title, abstract, 'p.jsonl');

test('links and e-mail addresses in abstracts never become topics', () => {
  const papers = [
    paper(
      'a',
      'Energy bounds for spiking chips',
      'We bound energy. Code: https://github.com/lab/snn and www.example.org/data, contact me@lab.org.',
    ),
    paper(
      'b',
      'Robust vision transformers',
      'Patch attacks on heads. Code: https://github.com/lab/vit, data at www.example.org/vit, contact you@lab.org.',
    ),
    paper(
      'c',
      'Sparse coding in cortex',
      'Dendrites compute. See https://github.com/lab/dendrites and www.example.org/cortex; mail us@lab.org.',
    ),
  ];
  const { topics } = assignTopics(papers, {});
  const names = topics.map((t) => t.name.toLowerCase());
  for (const junk of ['https', 'github', 'www', 'example', 'org', 'lab', 'com']) {
    assert.ok(!names.some((name) => name.split(/\W+/).includes(junk)), `"${junk}" in topics ${JSON.stringify(names)}`);
  }
});
