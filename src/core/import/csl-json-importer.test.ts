import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedCorpus } from '../../../test/support/shared-corpora';
import { importCslJson } from './csl-json-importer';

const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'import', name), 'utf8');

test('CSL items: string date-parts, literal names, HTML abstracts, keyword strings', () => {
  const result = importCslJson('items.json', fixture('csl-items.json'));
  assert.equal(result.papers.length, 3);
  const [garcia, smith, vaswani] = result.papers;
  assert.equal(garcia.title, 'Learning agile locomotion for legged robots');
  assert.deepEqual(garcia.authors, ['María García', 'Ludwig van Beethoven', 'Boston Dynamics Research Team']);
  assert.equal(garcia.abstract, 'We train a policy with deep reinforcement learning & transfer it to hardware where $v < 2$ m/s.');
  assert.equal(garcia.year, 2022);
  assert.equal(garcia.date, '2022-11-03');
  assert.equal(garcia.doi, '10.1109/lra.2022.1234567');
  assert.equal(garcia.url, 'https://ieeexplore.ieee.org/document/1234567');
  assert.equal(garcia.venue, 'IEEE Robotics and Automation Letters');
  assert.equal(garcia.citeKey, 'garciaLegged2022');
  assert.deepEqual(garcia.keywords, ['legged robots', 'reinforcement learning', 'sim-to-real']);
  assert.deepEqual(garcia.source, { file: 'items.json', line: 2 });
  assert.equal(garcia.id, undefined);

  assert.equal(smith.title, 'Smith v. Jones');
  assert.equal(smith.date, '1995-01-01', '{"literal": "1995-01-0001"}');
  assert.equal(smith.citeKey, undefined, 'a Zotero item URI is not a citation key');
  assert.equal(smith.source.line, 19);

  assert.equal(vaswani.arxivId, '1706.03762', 'arXiv id from an arXiv DOI');
  assert.equal(vaswani.date, '2017-12');
  assert.equal(vaswani.source.line, 32);

  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].line, 26);
  assert.match(result.diagnostics[0].message, /^Lectern: item `noTitle2020`.*has no title/);
});

test('a truncated CSL file keeps the complete items before the break and says where it broke', () => {
  const text = fixture('csl-items.json');
  const cut = text.slice(0, text.indexOf('"Smith v. Jones"') + 10);
  const result = importCslJson('cut.json', cut);
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['Learning agile locomotion for legged robots'],
  );
  assert.equal(result.diagnostics.length, 1);
  const [d] = result.diagnostics;
  assert.equal(d.severity, 'error');
  assert.equal(d.line, 22);
  assert.match(
    d.message,
    /not valid CSL-JSON at line 22, column \d+ \(in item `http:\/\/zotero\.org\/users\/1\/items\/ABCD1234`\): a string is never closed; the 1 complete item before it loaded/,
  );
});

test('a syntax error inside one item skips that item only, at the right line and column', () => {
  const text = [
    '[',
    '  {"id": "a", "type": "book", "title": "First"},',
    '  {"id": "b", "type": "book", "title": "Second" "issued": {}},',
    '  {"id": "c", "type": "book", "title": "Third"}',
    ']',
  ].join('\n');
  const result = importCslJson('bad.json', text);
  assert.deepEqual(
    result.papers.map((p) => [p.title, p.source.line]),
    [
      ['First', 2],
      ['Third', 4],
    ],
  );
  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].line, 3);
  assert.equal(result.diagnostics[0].column, text.split('\n')[2].indexOf('"issued"') + 1);
  assert.match(
    result.diagnostics[0].message,
    /\(in item `b`\): expected `,` or `}` after a property value, found `"`; the item there was skipped/,
  );
});

test('not JSON at all, or JSON that is not items, gives a diagnostic and no throw', () => {
  for (const text of ['', 'hello', '{', '[', '[1, "x", null]', '{"title": ""}', '[{"title": {"nested": true}}]']) {
    const result = importCslJson('x.json', text);
    assert.ok(Array.isArray(result.papers) && Array.isArray(result.diagnostics), text);
    assert.equal(result.papers.length, 0, text);
    assert.ok(result.diagnostics.length > 0, text);
  }
});

for (const [name, count, minAbstracts] of [
  ['csljson_betterbibtex_optics-robotics_my-library.json', 638, 343],
  ['csljson_betterbibtex_legged-robotics_my-library.json', 217, 199],
  ['csljson_betterbibtex_law_my-library.json', 1018, 457],
] as const) {
  const corpus = sharedCorpus(name);
  test(`shared corpus: ${name} loads all ${count} items`, { skip: corpus.skip }, () => {
    const result = importCslJson(corpus.path, readFileSync(corpus.path, 'utf8'));
    assert.equal(result.papers.length, count);
    assert.deepEqual(result.diagnostics, []);
    assert.ok(result.papers.filter((p) => p.abstract).length >= minAbstracts);
    assert.ok(
      result.papers.every((p) => p.citeKey),
      'Better CSL JSON items have citation keys',
    );
    assert.ok(!result.papers.some((p) => /<\/?[a-z]+>/i.test(p.abstract)), 'HTML stripped from abstracts');
    const lines = result.papers.map((p) => p.source.line);
    assert.ok(
      lines.every((line, i) => i === 0 || line > lines[i - 1]),
      'lines increase',
    );
    assert.ok(result.papers.filter((p) => p.year !== undefined).length >= count * 0.85);
  });
}

const legged = sharedCorpus('csljson_betterbibtex_legged-robotics_my-library.json');
test('shared corpus: string years load as numbers and duplicate items are both kept', { skip: legged.skip }, () => {
  const result = importCslJson(legged.path, readFileSync(legged.path, 'utf8'));
  const first = result.papers[0];
  assert.equal(first.citeKey, 'alibejiMuscleSynergyInspiredControl2018');
  assert.equal(first.year, 2018);
  assert.equal(typeof first.year, 'number');
  assert.equal(first.date, '2018-12');
  const keys = result.papers.map((p) => p.citeKey);
  assert.equal(new Set(keys).size, 184, "33 items appear twice; de-duplication is the corpus loader's job");
});

const law = sharedCorpus('csljson_betterbibtex_law_my-library.json');
test('shared corpus: literal issued dates and HTML abstracts in the law library', { skip: law.skip }, () => {
  const result = importCslJson(law.path, readFileSync(law.path, 'utf8'));
  const melucci = result.papers.find((p) => p.abstract.startsWith('Alberto Melucci, in his book Nomads of the Present, pointed'));
  assert.ok(melucci, '<i>Nomads of the Present,</i> loses its tags');
  const raw = JSON.parse(readFileSync(law.path, 'utf8')) as Array<{ issued?: { literal?: string } }>;
  const literalCount = raw.filter((item) => item.issued?.literal).length;
  assert.equal(literalCount, 137);
  assert.ok(result.papers.filter((p) => p.date && /^\d{4}-\d{2}-\d{2}$/.test(p.date)).length > 137);
});

test('an abstract loses the label publishers put before it, and keeps a first word that only looks like one', () => {
  // Better BibTeX's CSL-JSON of the optics library (../shared/corpora) writes "Abstract Compressive sensing (CS) is …".
  const items = [
    {
      id: 'a',
      type: 'article-journal',
      title: 'Sub-Nyquist sampling',
      abstract: 'Abstract Compressive sensing (CS) is a sampling framework.',
    },
    { id: 'b', type: 'article-journal', title: 'Discourse', abstract: 'ABSTRACT: Recent research in discourse analysis.' },
    { id: 'c', type: 'article-journal', title: 'Methane', abstract: '<p><strong>Abstract.</strong> Methane is a greenhouse gas.</p>' },
    { id: 'd', type: 'article-journal', title: 'Reasoning', abstract: 'Abstract reasoning is a challenging task.' },
  ];
  const { papers } = importCslJson('items.json', JSON.stringify(items));
  assert.deepEqual(
    papers.map((p) => p.abstract),
    [
      'Compressive sensing (CS) is a sampling framework.',
      'Recent research in discourse analysis.',
      'Methane is a greenhouse gas.',
      'Abstract reasoning is a challenging task.',
    ],
  );
});
