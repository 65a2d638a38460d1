import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importDailyPapers } from './daily-papers-importer';
import { seedCorpusPath } from '../../../test/support/shared-corpora';

const seedText = readFileSync(seedCorpusPath, 'utf8');
/** The page as saved: non-empty lines, five header lines, then title/abstract pairs. */
const seedLines = seedText
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

/** The only rewriting the importer may do: text-mode LaTeX to Unicode. */
function expectedDisplayText(raw: string): string {
  return raw
    .replace(/\{\\mu\}/g, 'μ')
    .replace(/\\mu\b/g, 'μ')
    .replace(/\\%/g, '%')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/''/g, '”')
    .replace(/(?<=\S)~(?=\S)/g, ' ');
}

test('the bundled seed loads as exactly 76 papers with the exact titles, in page order', () => {
  const { papers, diagnostics } = importDailyPapers('corpus/daily-papers.txt', seedText);
  assert.equal(papers.length, 76);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    papers.map((p) => p.title),
    seedLines.slice(5).filter((_, i) => i % 2 === 0),
  );
  assert.equal(papers[0].title, 'HideNseek: Federated Lottery Ticket via Server-side Pruning and Sign Supermask');
  assert.equal(papers[75].title, 'Astrocyte-Enabled Advancements in Spiking Neural Networks for Large Language Modeling');
});

test('seed abstracts keep their text; only LaTeX escapes become Unicode', () => {
  const { papers } = importDailyPapers('corpus/daily-papers.txt', seedText);
  const rawAbstracts = seedLines.slice(5).filter((_, i) => i % 2 === 1);
  papers.forEach((paper, i) => assert.equal(paper.abstract, expectedDisplayText(rawAbstracts[i]), paper.title));
  const hideNseek = papers[0];
  assert.match(hideNseek.abstract, /by up to 40\.6% while reducing/);
  assert.match(hideNseek.abstract, /supermask in \{0, 1\}/, 'braces that are text stay');
  const muBench = papers.find((p) => p.title.startsWith('μ-Bench'))!;
  assert.match(muBench.abstract, /we introduce μ-Bench/);
  assert.equal(papers[5].source.line, 31, 'source line points at the title line');
});

test('a title without an abstract loads with a warning naming it and its line; later pairs stay aligned', () => {
  const abstract = 'We study a thing in depth. '.repeat(8).trim();
  const text = ['Header', '', 'Mar 11', '', 'First Paper', abstract, '', 'Lost Its Abstract', '', 'Third Paper', abstract].join('\n');
  const { papers, diagnostics } = importDailyPapers('page.txt', text);
  assert.deepEqual(
    papers.map((p) => [p.title, p.abstract.length > 0, p.source.line]),
    [
      ['First Paper', true, 5],
      ['Lost Its Abstract', false, 8],
      ['Third Paper', true, 10],
    ],
  );
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].line, 8);
  assert.equal(diagnostics[0].severity, 'warning');
  assert.match(diagnostics[0].message, /^Lectern: "Lost Its Abstract" \(line 8\) has no abstract line/);
});

test('a page with no papers is an error that says what the format looks like; CRLF pages load', () => {
  const { papers, diagnostics } = importDailyPapers('notes.txt', 'just\nsome\nlines\n');
  assert.equal(papers.length, 0);
  assert.equal(diagnostics[0].severity, 'error');
  assert.match(diagnostics[0].message, /notes\.txt holds no title line followed by an abstract line/);
  const crlf = importDailyPapers('page.txt', seedText.replace(/\n/g, '\r\n'));
  assert.equal(crlf.papers.length, 76);
});
