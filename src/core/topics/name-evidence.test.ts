import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importCorpusFile } from '../import/import-corpus-file';
import { assignIds } from '../ids/assign-ids';
import { sharedCorpus } from '../../../test/support/shared-corpora';
import { assignTopics, OTHER_TOPIC } from './assign-topics';

const arxiv = sharedCorpus('arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl');

/** Lower case, hyphens as spaces, a trailing plural "s" dropped from every word: how a reader would spot a name in a title. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => word.replace(/s$/, ''))
    .join(' ')} `;
}

test(
  'a paper whose title or abstract names a discovered topic is mostly in that topic (the name is evidence)',
  { skip: arxiv.skip },
  () => {
    const imported = importCorpusFile(arxiv.path, readFileSync(arxiv.path)).papers;
    // Categories hidden, so every topic is discovered from the text.
    const papers = assignIds(imported).papers.map((paper) => ({ ...paper, keywords: [], categories: [] }));
    const { papers: assigned, topics } = assignTopics(papers);
    const names = topics.filter((topic) => topic.name !== OTHER_TOPIC && topic.name.includes(' ')).map((topic) => topic.name);
    let naming = 0;
    let inTopic = 0;
    for (const paper of assigned) {
      for (const name of names) {
        if (!words(`${paper.title} ${paper.abstract}`).includes(words(name))) continue;
        naming += 1;
        if (paper.topics.includes(name)) inTopic += 1;
      }
    }
    assert.ok(naming >= 50, `enough titles name a topic to judge (${naming})`);
    // From clustering alone 72 % (328 of 456); the name written in the text counts as evidence too.
    assert.ok(inTopic / naming >= 0.78, `${inTopic} of ${naming} papers whose text names a topic are in it`);
  },
);
