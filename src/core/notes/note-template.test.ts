import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { parseNote } from './note-front-matter';
import { DEFAULT_NOTE_TEMPLATE, renderNoteTemplate } from './note-template';

function paper(fields: Partial<Paper> & Pick<Paper, 'id' | 'title'>): Paper {
  return { authors: [], abstract: '', keywords: [], categories: [], topics: [], source: { file: 'library.bib', line: 1 }, ...fields };
}

const now = new Date(2026, 10, 29, 12, 0, 0);
const sinks = paper({
  id: '2403.01230',
  title: 'See What You Are Told: "Visual Attention Sink" in Large Multimodal Models',
  authors: ['Seil Kang', 'Jinyeong Kim'],
  year: 2025,
  arxivId: '2403.01230',
  abstract: 'Large multimodal models attend to a few visual tokens.\nEven when irrelevant.',
  topics: ['Vision-Language Models', 'Interpretability'],
  venue: 'ICLR',
});

describe('renderNoteTemplate', () => {
  test('the default template: Lectern front matter, a title, a link back, Summary and Notes, no Highlights', () => {
    const text = renderNoteTemplate(DEFAULT_NOTE_TEMPLATE, sinks, now);
    assert.equal(
      text,
      [
        '---',
        'paper: "2403.01230"',
        'title: "See What You Are Told: \\"Visual Attention Sink\\" in Large Multimodal Models"',
        'status: to-read',
        'tags: []',
        'created: 2026-11-29',
        '---',
        '',
        '# See What You Are Told: "Visual Attention Sink" in Large Multimodal Models',
        '',
        '[[2403.01230]] · Seil Kang, Jinyeong Kim (2025)',
        '',
        '## Summary',
        '',
        '## Notes',
        '',
      ].join('\n'),
    );
    const note = parseNote(text);
    assert.deepEqual(note.problems, []);
    assert.deepEqual(note.frontMatter, { paper: '2403.01230', title: sinks.title, status: 'to-read', tags: [], created: '2026-11-29' });
    assert.doesNotMatch(text, /## Highlights/);
  });

  test('a paper without authors or year leaves no empty parentheses or dangling separators', () => {
    const text = renderNoteTemplate(
      DEFAULT_NOTE_TEMPLATE,
      paper({ id: 'latent-compass', title: 'Latent Compass: Creation by Navigation' }),
      now,
    );
    assert.match(text, /\n\[\[latent-compass\]\]\n/);
    assert.match(text, /^---\npaper: latent-compass\ntitle: "Latent Compass: Creation by Navigation"\n/);
  });

  test('every placeholder, and unknown ones left as typed', () => {
    const template =
      '{{id}}|{{ title }}|{{authors}}|{{year}}|{{venue}}|{{doi}}|{{url}}|{{arxivId}}|{{topics}}|{{date}}|{{nope}}\n{{abstract}}\n{{citation}}\n';
    const text = renderNoteTemplate(template, sinks, now);
    const body = parseNote(text).body;
    assert.equal(
      body.split('\n')[1],
      `2403.01230|${sinks.title}|Seil Kang, Jinyeong Kim|2025|ICLR||https://arxiv.org/abs/2403.01230|2403.01230|Vision-Language Models, Interpretability|2026-11-29|{{nope}}`,
    );
    assert.ok(body.includes(sinks.abstract));
    assert.match(body, /Kang, S\., & Kim, J\. \(2025\)/);
  });

  test("a template without front matter gets Lectern's", () => {
    const text = renderNoteTemplate('# {{title}}\n\nMy own layout.\n', sinks, now);
    const note = parseNote(text);
    assert.deepEqual(note.frontMatter, { paper: '2403.01230', title: sinks.title, status: 'to-read', tags: [], created: '2026-11-29' });
    assert.equal(note.body, `\n# ${sinks.title}\n\nMy own layout.\n`);
    assert.ok(text.startsWith('---\npaper: "2403.01230"\n'));
  });

  test("a template's own front matter keys, comments and values are kept; Lectern's are forced or filled in", () => {
    const template =
      '---\n# my template\nproject: thesis\nstatus: reading\nsource: {{url}}\ntitle: placeholder\nauthors:\n  - {{authors}}\n---\nBody {{venue}}\n';
    const text = renderNoteTemplate(template, sinks, now);
    assert.equal(
      text,
      [
        '---',
        '# my template',
        'project: thesis',
        'status: reading',
        'source: https://arxiv.org/abs/2403.01230',
        'title: "See What You Are Told: \\"Visual Attention Sink\\" in Large Multimodal Models"',
        'authors:',
        '  - Seil Kang, Jinyeong Kim',
        'paper: "2403.01230"',
        'tags: []',
        'created: 2026-11-29',
        '---',
        'Body ICLR',
        '',
      ].join('\n'),
    );
  });

  test('titles with YAML-significant characters are quoted safely', () => {
    for (const title of [
      'A: B',
      '"Quoted"',
      "It's # not a comment",
      '- dash',
      '[bracket]',
      '{brace}',
      'yes',
      '12',
      '@at',
      '`tick`',
      '*star*',
      '%pct',
      '|pipe',
      '>gt',
      'a\\b',
    ]) {
      const note = parseNote(renderNoteTemplate(DEFAULT_NOTE_TEMPLATE, paper({ id: 'x', title }), now));
      assert.deepEqual(note.problems, [], title);
      assert.equal(note.frontMatter.title, title);
    }
  });

  test("a template whose front matter breaks once filled in gets Lectern's instead", () => {
    const text = renderNoteTemplate('---\nnote: "{{title}}"\n---\n\n# {{title}}\n', sinks, now);
    const note = parseNote(text);
    assert.deepEqual(note.problems, []);
    assert.equal(note.frontMatter.paper, '2403.01230');
    assert.equal(note.body, `\n# ${sinks.title}\n`);
  });

  test('CRLF templates give CRLF notes', () => {
    const text = renderNoteTemplate(DEFAULT_NOTE_TEMPLATE.replaceAll('\n', '\r\n'), sinks, now);
    assert.doesNotMatch(text.replaceAll('\r\n', ''), /\n/);
    assert.equal(parseNote(text).frontMatter.created, '2026-11-29');
  });
});
