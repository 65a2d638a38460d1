import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '@retorquere/bibtex-parser';
import type { CslItem, CslName } from '../model/csl-item';
import type { Paper } from '../model/paper';
import { goldenReferences, type GoldenReference } from '../../../test/fixtures/golden-references';
import { sharedCorpus } from '../../../test/support/shared-corpora';
import { bundledCitationStyle } from '../../../test/support/bundled-citation-style';
import { importCorpusFile } from '../import/import-corpus-file';
import { cslOf } from '../model/csl-of';
import { formatCitation } from './format-citation';

const imported = new Map<string, Paper[]>();

/** The golden entry's paper as Lectern imports it from the real corpus file (by citekey, or arXiv id). */
function importedPaper(golden: GoldenReference): Paper {
  let papers = imported.get(golden.corpus);
  if (!papers) {
    const path = sharedCorpus(golden.corpus).path;
    papers = importCorpusFile(path, readFileSync(path)).papers.map((paper) => ({ ...paper, id: paper.id ?? paper.citeKey ?? '' }));
    imported.set(golden.corpus, papers);
  }
  const paper = papers.find((candidate) => candidate.citeKey === golden.id || candidate.arxivId === golden.id);
  assert.ok(paper, `${golden.id} is in ${golden.corpus}`);
  assert.equal(paper.csl?.type, golden.type, `${golden.id} is imported as a ${golden.type}`);
  return { ...paper, citeKey: paper.citeKey ?? golden.id };
}

/** A paper around a hand-written record (the BibTeX round trip and byte-for-byte tests below). */
function paperOf(csl: CslItem): Paper {
  return {
    id: csl.id,
    citeKey: csl.id,
    title: csl.title ?? '',
    authors: [],
    abstract: '',
    keywords: [],
    categories: [],
    topics: [],
    source: { file: 'x', line: 1 },
    csl,
  };
}

const missing = [...new Set(goldenReferences.map((golden) => golden.corpus))].map((file) => sharedCorpus(file).skip).find(Boolean);

test('at least 30 golden references of every kind the issue names', () => {
  assert.ok(goldenReferences.length >= 30, `${goldenReferences.length} entries`);
  const types = new Set(goldenReferences.map((g) => g.type));
  for (const type of [
    'article-journal',
    'book',
    'chapter',
    'paper-conference',
    'thesis',
    'report',
    'legal_case',
    'article',
    'legislation',
    'webpage',
  ])
    assert.ok(types.has(type), `a ${type}`);
});

for (const golden of goldenReferences) {
  test(`APA 7th of ${golden.id} (${golden.corpus})`, { skip: missing || false }, () => {
    const paper = importedPaper(golden);
    assert.equal(formatCitation(paper, 'apa'), golden.apa, golden.check);
    assert.equal(formatCitation(paper, 'in-text'), golden.inText);
    // Plain text is the same reference without markdown's emphasis and escapes.
    const plain = golden.apa.replace(/\*/g, '').replace(/\\([[\]])/g, '$1');
    assert.equal(formatCitation(paper, 'apa', { markup: 'text', style: bundledCitationStyle }), plain);
  });
}

test('a legal case is cited in text with its name in italics (APA 7, 11.4)', { skip: missing || false }, () => {
  const aerotek = goldenReferences.find((g) => g.id === 'AerotekInc2018')!;
  assert.equal(formatCitation(importedPaper(aerotek), 'in-text', { markup: 'markdown' }), '(*Aerotek*, 2018)');
});

// ---------------------------------------------------------------------------------------------
// BibTeX round trip: the generated entry re-parses with @retorquere/bibtex-parser to the record's fields.

interface ParsedName {
  lastName?: string;
  firstName?: string;
  prefix?: string;
  suffix?: string;
  name?: string;
}

function expectedName(name: CslName): ParsedName {
  if (!name.family) return { name: name.literal ?? name.given };
  const particle = [name['dropping-particle'], name['non-dropping-particle']].filter(Boolean).join(' ');
  const lowerParticle = particle && /^\p{Ll}/u.test(particle);
  const expected: ParsedName = { lastName: lowerParticle || !particle ? name.family : `${particle} ${name.family}` };
  if (name.given) expected.firstName = name.given;
  else return { name: name.family };
  if (lowerParticle) expected.prefix = particle;
  if (name.suffix) expected.suffix = name.suffix;
  return expected;
}

const CONTAINER: Record<string, string> = { article: 'journal', incollection: 'booktitle', inproceedings: 'booktitle' };

/** What the parser should give back for each field the record has a BibTeX field for. */
function expectedFields(item: CslItem, type: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const set = (field: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') fields[field] = String(value);
  };
  set('title', item.title);
  if (item.author?.length) fields.author = item.author.map(expectedName);
  if (item.editor?.length) fields.editor = item.editor.map(expectedName);
  set(CONTAINER[type] ?? 'howpublished', item['container-title']);
  set('volume', item.volume);
  set('pages', item.page?.replace(/-+/g, '–'));
  const [year, month] = item.issued?.['date-parts']?.[0] ?? [];
  set('year', year);
  set('month', month);
  set('doi', item.DOI);
  set('url', item.URL);
  const publisherField = { phdthesis: 'school', mastersthesis: 'school', techreport: 'institution' }[type] ?? 'publisher';
  if (item.publisher) fields[publisherField] = publisherField === 'school' ? item.publisher : [item.publisher];
  return fields;
}

for (const golden of goldenReferences) {
  test(`BibTeX generated for ${golden.id} re-parses to the record's fields`, { skip: missing || false }, () => {
    const paper = { ...importedPaper(golden), bibtexEntry: undefined }; // generated, not the .bib's own entry
    const item = cslOf(paper);
    const entry = formatCitation(paper, 'bibtex');
    const library = parse(entry, { english: false });
    assert.deepEqual(library.errors, [], entry);
    assert.equal(library.entries.length, 1);
    const [parsed] = library.entries;
    assert.equal(parsed.key, item.id);
    const fields = parsed.fields as Record<string, unknown>;
    for (const [field, value] of Object.entries(expectedFields(item, parsed.type)))
      assert.deepEqual(fields[field], value, `${field} in\n${entry}`);
  });
}

test('a paper that came from a .bib is cited in BibTeX by its original entry, byte for byte', () => {
  const original = '@Article{smith2020,\n  author = {Smith, Jane},\n  title  = {{Ocean} acidification},\n  year = 2020, % a comment\n}';
  const paper = { ...paperOf({ id: 'smith2020', type: 'article-journal', title: 'Ocean acidification' }), bibtexEntry: original };
  assert.equal(formatCitation(paper, 'bibtex'), original);
});
