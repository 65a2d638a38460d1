import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Paper } from '../model/paper';
import { citeKeyParts, generatedCiteKey, significantTitleWords } from './cite-key';
import { alphaSuffix, assignCiteKeys } from './assign-cite-keys';
import { buildCorpus, prepareCorpus } from '../corpus/corpus';
import { PaperLibrary } from '../library/paper-library';
import type { CslItem } from '../model/csl-item';
import { foldToAscii } from './slugify-title';
import { importDailyPapers } from '../import/daily-papers-importer';
import { readSnapshotCorpus, readSnapshotHeader, writeSnapshot } from '../library/library-snapshot';
import { seedCorpusPath, sharedCorpus } from '../../../test/support/shared-corpora';
import { importedPaper } from '../../../test/support/imported-paper';

function paper(fields: Partial<Paper>): Paper {
  return { id: 'p', ...importedPaper({}), ...fields };
}

test('a generated key is [auth:lower][year][shorttitle]: family name, year, three significant title words', () => {
  const vaswani = paper({ title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], year: 2017 });
  assert.equal(generatedCiteKey(vaswani), 'vaswani2017AttentionAllYou');
  // Particles stay with the family name, diacritics fold, hyphens in a name are kept, in a title word they join it.
  const gogh = paper({
    title: 'Self-Attention über Straßen: a Study',
    authors: [],
    csl: {
      id: 'x',
      type: 'article-journal',
      author: [{ family: 'López-Gómez', given: 'Ana', 'non-dropping-particle': 'de' }],
      issued: { 'date-parts': [[2021, 3]] },
    },
  });
  assert.equal(generatedCiteKey(gogh), 'delopez-gomez2021SelfAttentionuberStrassen');
  // An organisation's whole name; editors when there is no author; no year, no title: what is known.
  const who = paper({
    title: 'The World Health Report',
    csl: { id: 'x', type: 'report', author: [{ literal: 'World Health Organization' }] },
  });
  assert.equal(generatedCiteKey(who), 'worldhealthorganizationWorldHealthReport');
  const edited = paper({
    title: 'On Cells',
    csl: { id: 'x', type: 'book', editor: [{ family: "O'Brien", given: 'P.' }], issued: { 'date-parts': [[1999]] } },
  });
  assert.equal(generatedCiteKey(edited), 'obrien1999Cells');
  assert.equal(generatedCiteKey(paper({ title: '', authors: [] })), '');
});

test('significant title words skip Better BibTeX skip words, one-letter words and punctuation', () => {
  assert.deepEqual(significantTitleWords('A Survey of the State-of-the-Art, in 3 "Parts": C/C++ & You'), [
    'Survey',
    'StateoftheArt',
    '3',
    'Parts',
    'C++',
    'You',
  ]);
  assert.deepEqual(significantTitleWords('<i>E. coli</i> on the move'), ['coli', 'move']);
  assert.deepEqual(significantTitleWords("A Physiologist's View of Hip–Knee Braces"), ['Physiologist', 'View', 'Hip', 'Knee', 'Braces']);
});

// The legged-robotics export's keys were made by Better BibTeX's default formula
// `auth.lower + shorttitle(3,3) + year`: rebuilt from our parts, they must agree.
const leggedRobotics = sharedCorpus('csljson_betterbibtex_legged-robotics_my-library.json');
test('the parts rebuild Better BibTeX’s own keys of a real Better CSL-JSON export', { skip: leggedRobotics.skip }, () => {
  const items = JSON.parse(readFileSync(leggedRobotics.path, 'utf8')) as CslItem[];
  const differing: string[] = [];
  for (const item of items) {
    const { auth, year, titleWords } = citeKeyParts(paper({ title: item.title ?? '', csl: item }));
    const capitalised = titleWords.slice(0, 3).map((word) => word.charAt(0).toUpperCase() + word.slice(1));
    const rebuilt = foldToAscii(auth + capitalised.join('') + year).replace(/[\\"#%'(),={}~\s]/g, '');
    // Better BibTeX added `a`, `b`… to keys it had already given.
    if (rebuilt !== item.id && rebuilt !== item.id.replace(/[a-z]$/, '')) differing.push(`${item.id} ≠ ${rebuilt}`);
  }
  assert.ok(items.length > 200);
  // All 217 agree, including particles (`de-León-Gómez`), typographic dashes, possessives and all-caps titles.
  assert.ok(differing.length === 0, `${differing.length} of ${items.length} differ:\n${differing.slice(0, 20).join('\n')}`);
});

test('hundreds of papers with one generated key get a, b… aa… in corpus order, as trying each suffix in turn gives', () => {
  // An arXiv snapshot holds many papers by one author, one year, one title start: each key must be the first free
  // suffix, whatever the spelling's case, skipping keys that sources and ids hold.
  const titles = ['Attention Is All You Need', 'ATTENTION IS ALL YOU NEED', 'Deep Residual Learning'];
  const papers: Paper[] = [];
  for (let i = 0; i < 900; i++) {
    if (i % 97 === 5) papers.push(paper({ id: `src-${i}`, citeKey: `vaswani2017AttentionAllYou${alphaSuffix(i)}`, title: 'Other' }));
    else
      papers.push(
        paper({
          id: i % 89 === 3 ? `vaswani2017attentionallyou${alphaSuffix(i + 1)}` : `id-${i}`,
          title: titles[i % 3],
          authors: ['Ashish Vaswani'],
          year: 2017,
        }),
      );
  }
  const taken = new Set(papers.flatMap((p) => [p.id.toLowerCase(), ...(p.citeKey ? [p.citeKey.toLowerCase()] : [])]));
  const expected = papers.map((p) => {
    if (p.citeKey) return p.citeKey;
    const base = generatedCiteKey(p);
    let key = base;
    for (let n = 1; taken.has(key.toLowerCase()); n++) key = base + alphaSuffix(n);
    taken.add(key.toLowerCase());
    return key;
  });
  const keys = assignCiteKeys(papers).papers.map((p) => p.citeKey);
  assert.deepEqual(keys, expected);
  assert.equal(new Set(keys.map((k) => k.toLowerCase())).size, keys.length);
  assert.equal(keys[0], 'vaswani2017AttentionAllYou');
  assert.equal(keys[1], 'vaswani2017ATTENTIONALLYOUa');
});

test('keys are unique with a, b… suffixes, never take a source key or an id, and keep source keys', () => {
  const source = paper({ id: 'doi-1', citeKey: 'vaswani2017AttentionAllYou', title: 'Other', source: { file: 'a.bib', line: 1 } });
  const twin = (id: string, line: number) =>
    paper({ id, title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], year: 2017, source: { file: 'b.txt', line } });
  const { papers, diagnostics } = assignCiteKeys([
    source,
    twin('1706.03762', 1),
    twin('1706.99999', 2),
    twin('vaswani2017attentionallyouc', 3),
  ]);
  assert.deepEqual(
    papers.map((p) => p.citeKey),
    ['vaswani2017AttentionAllYou', 'vaswani2017AttentionAllYoua', 'vaswani2017AttentionAllYoub', 'vaswani2017AttentionAllYoud'],
  );
  assert.deepEqual(
    papers.map((p) => p.citeKeyGenerated),
    [undefined, true, true, true],
  );
  assert.deepEqual(diagnostics, []);
  assert.deepEqual([1, 2, 26, 27, 28, 702, 703].map(alphaSuffix), ['a', 'b', 'z', 'aa', 'ab', 'zz', 'aaa']);
});

test('a key used by two records: the first in corpus order wins, both are warned with file and line', () => {
  const early = paper({ id: 'a', citeKey: 'smith2020', title: 'First', source: { file: 'a.bib', line: 3 } });
  const late = paper({ id: 'b', citeKey: 'smith2020', title: 'Second', source: { file: 'b.bib', line: 9 } });
  const corpus = buildCorpus([
    { path: 'b.bib', fingerprint: 'b', papers: [{ ...late, id: undefined }], diagnostics: [] },
    { path: 'a.bib', fingerprint: 'a', papers: [{ ...early, id: undefined }], diagnostics: [] },
  ]);
  assert.equal(corpus.byCiteKey.get('smith2020')?.title, 'First');
  const warnings = corpus.diagnostics.filter((d) => d.message.includes('citekey "smith2020"'));
  assert.deepEqual(
    warnings.map((d) => [d.file, d.line, d.severity]),
    [
      ['a.bib', 3, 'warning'],
      ['b.bib', 9, 'warning'],
    ],
  );
  assert.match(warnings[0].message, /^Lectern: .*also used by b\.bib:9.*the first in corpus order/);
  assert.match(warnings[1].message, /^Lectern: .*already used by a\.bib:3.*by its id "smith2020-2"/);
});

test('every seed paper gets a key; keys and ids are stable across reloads and snapshot restores', () => {
  const text = readFileSync(seedCorpusPath, 'utf8');
  const file = { path: 'corpus/daily-papers.txt', fingerprint: 'seed', ...importDailyPapers('corpus/daily-papers.txt', text) };
  const first = PaperLibrary.open([file]);
  const again = PaperLibrary.open([{ ...file, papers: importDailyPapers('corpus/daily-papers.txt', text).papers }]);
  assert.equal(first.papers.length, 76);
  assert.ok(first.papers.every((p) => p.citeKey && p.citeKeyGenerated));
  assert.equal(new Set(first.papers.map((p) => p.citeKey!.toLowerCase())).size, 76);
  assert.deepEqual(
    again.papers.map((p) => [p.id, p.citeKey]),
    first.papers.map((p) => [p.id, p.citeKey]),
  );
  for (const p of first.papers) assert.equal(first.resolve(p.citeKey!), p);
  // A snapshot rebuilds importer-level papers without the generated keys, so an update assigns the same ids and keys.
  const snapshot = writeSnapshot(first.corpus, first.serializeIndex(), new Map());
  const restored = readSnapshotCorpus(snapshot.main, snapshot.abstracts, readSnapshotHeader(snapshot.main)!)!;
  assert.ok(restored.files[0].papers.every((p) => p.citeKey === undefined && p.citeKeyGenerated === undefined));
  const rebuilt = buildCorpus(restored.files);
  assert.deepEqual(
    rebuilt.papers.map((p) => [p.id, p.citeKey]),
    first.papers.map((p) => [p.id, p.citeKey]),
  );
});

test('after a file changes, ids and citekeys are those a fresh load gives, collisions with the other files included', () => {
  const text = readFileSync(seedCorpusPath, 'utf8');
  const seed = { path: 'corpus/daily-papers.txt', fingerprint: 'seed', ...importDailyPapers('corpus/daily-papers.txt', text) };
  const first = prepareCorpus([seed]);
  // A file that repeats a seed paper (same id, same generated key) and adds one more.
  const repeat = { ...seed.papers[3], source: { file: 'z.jsonl', line: 1 } };
  const other = { ...seed.papers[4], title: 'Another paper entirely', source: { file: 'z.jsonl', line: 2 } };
  const added = { path: 'z.jsonl', fingerprint: 'z', papers: [repeat, other], diagnostics: [] };
  const changed = prepareCorpus([added, seed]);
  const fresh = prepareCorpus(structuredClone([seed, added]));
  assert.deepEqual(
    changed.papers.map((p) => [p.id, p.citeKey]),
    fresh.papers.map((p) => [p.id, p.citeKey]),
  );
  assert.deepEqual(changed.diagnostics, fresh.diagnostics);
  assert.equal(changed.papers[76].id, `${first.papers[3].id}-2`, 'the repeat is told apart from the seed paper');
  assert.deepEqual(
    prepareCorpus([seed]).papers.map((p) => [p.id, p.citeKey]),
    first.papers.map((p) => [p.id, p.citeKey]),
  );
});
