// The full bibliographic record on real exports (../shared/corpora): what a Zotero / Mendeley / Better BibTeX
// user's library keeps when Lectern reads it — types, containers, volumes, pages, publishers, editors, names
// with particles and suffixes, organisations, legal cases, arXiv preprints, and each .bib entry byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedCorpus } from '../../../test/support/shared-corpora';
import type { ImportedPaper } from '../model/paper';
import { cslOf } from '../model/csl-of';
import { LineIndex } from '../text/line-column';
import { importArxivJsonl } from './arxiv-jsonl-importer';
import { importBibtex } from './bibtex-importer';
import { importCslJson } from './csl-json-importer';

const zotero = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');
const mendeley = sharedCorpus('bibtex_mendeley_neuroscience_library.bib');
const law = sharedCorpus('csljson_betterbibtex_law_my-library.json');
const arxiv = sharedCorpus('arxiv_snapshot_head200_exact.jsonl');

let zoteroRead: { text: string; papers: ImportedPaper[] } | undefined;
/** The Zotero export, read once for all the tests below. */
function zoteroPapers(): { text: string; papers: ImportedPaper[] } {
  if (!zoteroRead) {
    const text = readFileSync(zotero.path, 'utf8');
    zoteroRead = { text, papers: importBibtex(zotero.path, text).papers };
  }
  return zoteroRead;
}
const byKey = (key: string): ImportedPaper => {
  const paper = zoteroPapers().papers.find((p) => p.citeKey === key);
  assert.ok(paper, key);
  return paper;
};

test(
  "Zotero export: every entry keeps its record; 1,225 volumes and 1,279 pages (ranges, or a whole work's page count), none dropped",
  { skip: zotero.skip },
  () => {
    const { text, papers } = zoteroPapers();
    assert.equal(papers.length, 1678, 'the 1,679 entries but the one without a title');
    assert.equal(papers.filter((p) => p.csl).length, 1678);
    // Counted in the file itself, so the figures are the export's and not the importer's.
    assert.equal(text.match(/^\tvolume = /gm)?.length, 1225);
    assert.equal(text.match(/^\tpages = /gm)?.length, 1279);
    assert.equal(papers.filter((p) => p.csl?.volume).length, 1225);
    // A book's, thesis's or report's single number is its length (CSL number-of-pages, Zotero's "# of Pages").
    const wholeWorks = papers.filter((p) => p.csl?.['number-of-pages']);
    assert.ok(
      wholeWorks.every((p) => ['book', 'thesis', 'report'].includes(p.csl!.type) && /^\d+$/.test(String(p.csl!['number-of-pages']))),
    );
    assert.equal(papers.filter((p) => p.csl?.page).length + wholeWorks.length, 1279);
    assert.equal(wholeWorks.length, 35);
    const types = new Map<string, number>();
    for (const p of papers) types.set(p.csl!.type, (types.get(p.csl!.type) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(types), {
      'article-journal': 1352,
      book: 70,
      thesis: 38,
      chapter: 68,
      'paper-conference': 14,
      document: 76,
      report: 60,
    });
    assert.ok(
      papers.every((p) => p.csl!.abstract === undefined),
      'the abstract is held once, by the paper',
    );
  },
);

test('Zotero export: each entry`s text is the file`s, from its `@` to its closing brace, byte for byte', { skip: zotero.skip }, () => {
  const { text, papers } = zoteroPapers();
  const lines = new LineIndex(text);
  for (const paper of papers) {
    const start = lines.offset(paper.source.line, 1);
    assert.equal(paper.bibtexEntry, text.slice(start, start + paper.bibtexEntry!.length), paper.citeKey);
    assert.ok(paper.bibtexEntry.startsWith(`@`) && paper.bibtexEntry.endsWith('}'), paper.citeKey);
    // Nothing but blank lines between the entry's end and the next entry.
    assert.match(text.slice(start + paper.bibtexEntry.length, start + paper.bibtexEntry.length + 3), /^\s*(@|$)/, paper.citeKey);
  }
  const chapter = byKey('kristiansen_importance_2002');
  assert.equal(
    chapter.bibtexEntry,
    [
      '@incollection{kristiansen_importance_2002,',
      '\ttitle = {The importance of silicon for marine production},',
      '\turl = {http://link.springer.com/10.1007/978-94-017-3190-4_3},',
      '\turldate = {2017-04-04},',
      '\tbooktitle = {Sustainable {Increase} of {Marine} {Harvesting}: {Fundamental} {Mechanisms} and {New} {Concepts}},',
      '\tpublisher = {Springer},',
      '\tauthor = {Kristiansen, Svein and Hoell, Espen Edward},',
      '\tyear = {2002},',
      '\tpages = {21--31},',
      '\tfile = {kristiansen_2002_silicon_production.pdf:C\\:\\\\Users\\\\mse041\\\\Zotero\\\\storage\\\\MDNGJSTV\\\\kristiansen_2002_silicon_production.pdf:application/pdf},',
      '}',
    ].join('\n'),
  );
});

test('Zotero export: articles, books, chapters, conference papers, theses and reports as CSL types', { skip: zotero.skip }, () => {
  const article = byKey('curtis-jackson_characterisation_2009').csl!;
  assert.equal(article.type, 'article-journal');
  assert.equal(article['container-title'], 'Limnology and Oceanography: Methods');
  assert.deepEqual([article.volume, article.issue, article.page], ['7', '1', '52-63']);
  assert.deepEqual(article.issued, { 'date-parts': [[2009]] });
  assert.equal(byKey('dandrilli_comprehensive_2010').csl!.ISSN, '09514198, 10970231');
  assert.deepEqual(byKey('dandrilli_comprehensive_2010').csl!.issued, { 'date-parts': [[2010, 3]] });

  const book = byKey('hansell_biogeochemistry_2015');
  assert.deepEqual(
    { ...book.csl, accessed: undefined },
    {
      id: 'hansell_biogeochemistry_2015',
      'citation-key': 'hansell_biogeochemistry_2015',
      type: 'book',
      title: 'Biogeochemistry of marine dissolved organic matter',
      editor: [
        { family: 'Hansell', given: 'Dennis A.' },
        { family: 'Carlson', given: 'Craig A.' },
      ],
      issued: { 'date-parts': [[2015]] },
      publisher: 'Academic Press',
      'publisher-place': 'Amsterdam ; Boston',
      edition: 'Second edition',
      ISBN: '978-0-12-405940-5',
      accessed: undefined,
    },
  );
  assert.deepEqual(book.authors, ['Dennis A. Hansell', 'Craig A. Carlson'], 'editors stand in for missing authors');
  assert.equal(book.venue, 'Academic Press', 'a book shows its publisher');

  const chapter = byKey('murrell_aerobic_2010').csl!;
  assert.equal(chapter.type, 'chapter');
  assert.equal(chapter['container-title'], 'Handbook of Hydrocarbon and Lipid Microbiology');
  assert.deepEqual(chapter.editor, [{ family: 'Timmis', given: 'Kenneth N.' }]);
  assert.deepEqual(chapter.author, [{ family: 'Murrell', given: 'J. C.' }]);
  assert.equal(chapter.publisher, 'Springer Berlin Heidelberg');
  assert.equal(chapter.DOI, '10.1007/978-3-540-77587-4_143');
  assert.equal(byKey('murrell_aerobic_2010').venue, 'Handbook of Hydrocarbon and Lipid Microbiology');
  assert.equal(byKey('kristiansen_importance_2002').csl!.page, '21-31');

  const conference = byKey('greinert_atmospheric_2015').csl!;
  assert.deepEqual(
    [conference.type, conference['container-title'], conference.volume],
    ['paper-conference', 'EGU General Assembly Conference Abstracts', '17'],
  );

  const phd = byKey('steinle_environmental_2016').csl!;
  assert.deepEqual([phd.type, phd.genre, phd.publisher], ['thesis', 'PhD thesis', 'University_of_Basel']);
  const masters = byKey('sert_determination_2010').csl!;
  assert.deepEqual(
    [masters.type, masters.genre, masters.publisher, masters['publisher-place'], masters.language],
    ['thesis', "Master's thesis", 'Middle East Technical University', 'Ankara', 'en'],
  );
  assert.deepEqual(masters.issued, { 'date-parts': [[2010, 7]] });

  const report = byKey('amante_etopo1_2009').csl!;
  assert.deepEqual([report.type, report.publisher, report['number-of-pages'], report.page], ['report', 'NOAA', '25', undefined]);
  assert.equal(byKey('amante_etopo1_2009').venue, 'NOAA');

  assert.equal(byKey('noauthor_magick_2018').csl!.type, 'document');
  assert.equal(byKey('amap_arctic_2013').csl!.note, 'OCLC: 865475784');
});

test('Zotero export: names with particles, organisations and non-Latin letters', { skip: zotero.skip }, () => {
  const stPierre = byKey('st_pierre_rain-fed_2020');
  assert.deepEqual(stPierre.csl!.author![0], { family: 'St. Pierre', given: 'Kyra A.' });
  assert.equal(stPierre.authors[0], 'Kyra A. St. Pierre');
  const names = zoteroPapers().papers.flatMap((p) => p.csl!.author ?? []);
  assert.ok(names.some((n) => n.family === 'Werf' && n['non-dropping-particle'] === 'van der' && n.given === 'Guido R.'));
  assert.ok(
    names.some((n) => n.family === 'Le Quéré' && n.given === 'Corinne'),
    'a capitalised particle is part of the family name',
  );
  assert.deepEqual(byKey('amap_arctic_2013').csl!.author, [{ literal: 'AMAP' }], '`{{AMAP}}`: an organisation');
  assert.deepEqual(byKey('amap_arctic_2013').authors, ['AMAP']);
  assert.deepEqual(byKey('lewis_gender_2016').csl!.author![1], { family: 'Lemhӧfer', given: 'Kristin' }, 'a Cyrillic ӧ kept');
  const vanDerWerf = zoteroPapers().papers.find((p) => p.authors.includes('Guido R. van der Werf'));
  assert.ok(vanDerWerf, 'display names keep particles in reading order');
});

test('Mendeley export: TeX names, braced family names, and 932 entries kept byte for byte', { skip: mendeley.skip }, () => {
  const text = readFileSync(mendeley.path, 'utf8');
  const result = importBibtex(mendeley.path, text);
  const papers = result.papers;
  assert.equal(papers.filter((p) => p.csl).length, 933);
  // The entry whose unclosed brace was repaired keeps no entry text: its text in the file is not valid BibTeX.
  assert.equal(papers.filter((p) => p.bibtexEntry).length, 932);
  assert.equal(papers.find((p) => p.citeKey === 'Schwanhausser2011')?.bibtexEntry, undefined);
  const names = papers.flatMap((p) => p.csl!.author ?? []);
  assert.ok(
    names.some((n) => n.family === 'Elvsåshagen' && n.given === 'Torbjørn'),
    '`Elvs{\\aa}shagen`',
  );
  assert.ok(
    names.some((n) => n.family === 'Hulshoff Pol' && n.given === 'Hilleke E'),
    '`{Hulshoff Pol}`',
  );
  assert.ok(names.some((n) => n.family === 'Fernández' && n.given === 'Guillén'));
  assert.ok(!names.some((n) => Object.values(n).some((part) => /[\\{}]/.test(part as string))), 'no TeX left in any name');
  assert.ok(!result.diagnostics.some((d) => d.message.includes('cannot be split')), 'every name of a real export splits');
});

test('Better CSL-JSON (law): every item kept whole as the record; a legal case stays a legal case', { skip: law.skip }, () => {
  const text = readFileSync(law.path, 'utf8');
  const items = JSON.parse(text) as Array<Record<string, unknown>>;
  const { papers } = importCslJson(law.path, text);
  assert.equal(papers.length, items.length);
  const aerotek = papers.find((p) => p.citeKey === 'AerotekInc2018');
  assert.ok(aerotek);
  assert.deepEqual(aerotek.csl, {
    id: 'AerotekInc2018',
    authority: '8th Cir.',
    'citation-key': 'AerotekInc2018',
    'container-title': 'F.3d',
    issued: { 'date-parts': [['2018']] },
    page: '725',
    title: 'Aerotek, Inc. v. N.L.R.B.',
    'title-short': 'Aerotek',
    type: 'legal_case',
    volume: '883',
  });
  assert.equal(aerotek.venue, '8th Cir.', 'a case shows its court');
  for (const [i, paper] of papers.entries()) {
    const { abstract: _abstract, ...rest } = items[i];
    assert.deepEqual(paper.csl, rest, `item ${i + 1}: all variables kept, unknown ones too`);
    assert.equal(cslOf({ ...paper, id: 'x' }).abstract, paper.abstract || undefined);
  }
  const book = papers.find((p) => p.citeKey === 'abbottSystemProfessionsEssay1988');
  assert.equal(book?.venue, 'University of Chicago Press');
});

test('arXiv snapshot: preprints with arXiv`s DOI unless published, the journal reference kept aside', { skip: arxiv.skip }, () => {
  const { papers } = importArxivJsonl(arxiv.path, readFileSync(arxiv.path, 'utf8'));
  assert.ok(papers.every((p) => p.csl?.type === 'article' && p.csl.publisher === 'arXiv' && p.csl.number === `arXiv:${p.arxivId}`));
  assert.ok(
    papers.every((p) => p.venue === undefined),
    'no journal reference as a venue',
  );
  const withRef = papers.filter((p) => p.csl?.['journal-ref']);
  assert.ok(withRef.length > 50, `${withRef.length} journal references kept`);
  const unpublished = papers.filter((p) => !p.doi);
  assert.ok(unpublished.length > 0 && unpublished.every((p) => p.csl?.DOI === `10.48550/arXiv.${p.arxivId}`));
  assert.ok(papers.filter((p) => p.doi).every((p) => p.csl?.DOI === p.doi));
});
