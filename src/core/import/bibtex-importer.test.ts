import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../test/support/shared-corpora';
import type { ImportResult } from '../model/diagnostic';
import { importBibtex } from './bibtex-importer';

const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'import', name), 'utf8');
const byKey = (result: ImportResult, key: string) => result.papers.find((p) => p.citeKey === key);

test('a Zotero-style export loads with accents, macros, math and the first of several URLs', () => {
  const result = importBibtex('library.bib', fixture('zotero-style.bib'));
  const muller = byKey(result, 'muller_quantum_2019');
  assert.ok(muller, 'muller_quantum_2019 loads');
  assert.equal(muller.title, "Quantum Hall effect in Örsted's graphene: $\\sigma_{xy} = \\nu e^2/h$");
  assert.deepEqual(muller.authors, ['Jörg Müller', 'Ana García-López', 'Jan van der Berg']);
  assert.equal(
    muller.abstract,
    'We measure the Hall conductance at 50% filling and find $\\sigma_{xy}$ quantised to within 0.1%. Dissolved CO<sub>2</sub> was controlled.',
  );
  assert.equal(muller.venue, 'Nature Physics', 'a @string macro resolves');
  assert.equal(muller.url, 'https://example.org/muller2019');
  assert.equal(muller.doi, '10.1038/nphys.2019.15');
  assert.equal(muller.year, 2019);
  assert.equal(muller.date, '2019-03', 'bare month macro');
  assert.deepEqual(muller.keywords, ['graphene', 'quantum Hall effect', 'topology']);
  assert.deepEqual(muller.source, { file: 'library.bib', line: 8 });
  assert.deepEqual(muller.topics, []);
  assert.equal(muller.id, undefined);

  const zhou = byKey(result, 'zhou_attention_2021');
  assert.ok(zhou);
  assert.equal(zhou.title, 'Attention is almost all you need');
  assert.deepEqual(zhou.authors, ['Wei Zhou', 'John Smith Jr.']);
  assert.equal(zhou.arxivId, '2101.00001');
  assert.equal(zhou.venue, 'IEEE Transactions on Pattern Analysis and Machine Intelligence', 'macro built from a macro');
});

test('a truncated entry is reported at its unclosed brace and the entries after it still load', () => {
  const result = importBibtex('library.bib', fixture('zotero-style.bib'));
  assert.equal(byKey(result, 'truncated_2020'), undefined);
  const broken = result.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(broken.length, 1);
  assert.equal(broken[0].line, 34, 'the line of `abstract = {` that never closes');
  assert.equal(broken[0].column, 13);
  assert.match(broken[0].message, /^Lectern: entry `truncated_2020` \(starting on line 31\).*`abstract`.*never closed/);

  const dvorak = byKey(result, 'dvorak_after_2018');
  assert.ok(dvorak, 'the entry right after the broken one loads');
  assert.equal(dvorak.title, 'Dvořák and the entries after a broken one');
  assert.deepEqual(dvorak.authors, ['Antonín Dvořák', 'Søren Østergaard']);
  assert.equal(dvorak.date, '2018-06-15');
  assert.equal(dvorak.source.line, 36);

  const keyless = result.papers.find((p) => p.title === 'An entry without a citation key');
  assert.ok(keyless, 'an entry with an empty key loads');
  assert.equal(keyless.citeKey, undefined);
  assert.equal(keyless.year, 2017);
  assert.equal(result.papers.length, 5);
});

test('an entry without a title is skipped with a warning naming it; an undefined macro is reported where it is used', () => {
  const result = importBibtex('library.bib', fixture('zotero-style.bib'));
  const noTitle = result.diagnostics.find((d) => d.message.includes('no_title_2016'));
  assert.ok(noTitle);
  assert.equal(noTitle.severity, 'warning');
  assert.equal(noTitle.line, 49);
  assert.match(noTitle.message, /has no title.*Add a `title` field/);
  const macro = result.diagnostics.find((d) => d.message.includes('`springer`'));
  assert.ok(macro);
  assert.equal(macro.line, 56);
  assert.match(macro.message, /not defined \(used by entry `undefined_macro_2015`\)/);
  assert.ok(byKey(result, 'undefined_macro_2015'), 'the entry itself still loads');
  for (const d of result.diagnostics) assert.match(d.message, /^Lectern: /);
});

test('a missing closing brace on a one-field-per-line entry is repaired with a warning', () => {
  const text = [
    '@article{first,',
    'title = {First},',
    'url = {https://doi.org/10.1038/nature10098,',
    'year = {2011}',
    '}',
    '@article{second,',
    'title = {Second},',
    'author = {Sch{\\"o}n, Anna},',
    '}',
  ].join('\n');
  const result = importBibtex('m.bib', text);
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['First', 'Second'],
  );
  assert.equal(result.papers[0].doi, '10.1038/nature10098');
  assert.equal(result.papers[0].year, 2011);
  assert.deepEqual(result.papers[1].authors, ['Anna Schön']);
  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].severity, 'warning');
  assert.equal(result.diagnostics[0].line, 3);
  assert.match(result.diagnostics[0].message, /entry `first`.*`url`.*never closed.*Add the missing `}`/);
});

test('an entry that lost its closing brace is closed before the next entry, with a warning', () => {
  const text = [
    '@article{open,',
    '  title = {Never closed},',
    "  author = {Dvo{\\v{r}}{\\'a}k, Anton{\\'\\i}n},",
    '  abstract = {Long abstract text},',
    '',
    '@article{next, title = {Next one}}',
  ].join('\n');
  const result = importBibtex('u.bib', text);
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['Never closed', 'Next one'],
  );
  assert.deepEqual(result.papers[0].authors, ['Antonín Dvořák']);
  assert.equal(result.papers[0].abstract, 'Long abstract text');
  assert.equal(result.diagnostics.length, 1);
  assert.equal(result.diagnostics[0].severity, 'warning');
  assert.equal(result.diagnostics[0].line, 1);
  assert.match(
    result.diagnostics[0].message,
    /^Lectern: entry `open` \(line 1\) is not closed with `}`; it was loaded as if it ended on line 4/,
  );
});

test('a citation key with characters the parser rejects still loads, with a warning', () => {
  const result = importBibtex(
    'k.bib',
    '@article{Arnatkevi?iute2014,\ntitle = {Key with a question mark},\nauthor = {Arnatkevi{\\v{c}}i{\\=u}t{\\.e}, A.}\n}\n',
  );
  assert.equal(result.papers.length, 1);
  assert.equal(result.papers[0].citeKey, 'Arnatkevi?iute2014');
  assert.deepEqual(result.papers[0].authors, ['A. Arnatkevičiūtė']);
  assert.equal(result.diagnostics.length, 1);
  assert.match(result.diagnostics[0].message, /citation key `Arnatkevi\?iute2014`.*`\?`/);
});

test('entries with parenthesis delimiters, quoted values, crossref and biblatex dates', () => {
  const text = [
    '@proceedings(conf2020, title = "Proceedings of the Conference", year = 2020)',
    '@inproceedings{part2020,',
    '  title = "A {"}quoted{"} title",',
    '  author = "Lovelace, Ada and others",',
    '  crossref = {conf2020},',
    '}',
    '@online{web, title = {Web page}, date = {2023-02-30}, url = {https://arxiv.org/abs/2301.00002v4}}',
  ].join('\n');
  const result = importBibtex('p.bib', text);
  assert.deepEqual(result.diagnostics, []);
  const part = byKey(result, 'part2020');
  assert.ok(part);
  assert.equal(part.title, 'A "quoted" title');
  assert.deepEqual(part.authors, ['Ada Lovelace'], '"and others" is dropped');
  assert.equal(part.venue, 'Proceedings of the Conference', 'venue inherited through crossref');
  assert.equal(part.year, 2020);
  const web = byKey(result, 'web');
  assert.ok(web);
  assert.equal(web.date, '2023-02', 'an impossible day is dropped, not invented');
  assert.equal(web.arxivId, '2301.00002');
});

test('garbage, a lone @ and unbalanced input never throw', () => {
  for (const text of [
    '@',
    '@article',
    '@article{',
    '}}}{{{',
    '@string{x = }',
    '@comment{',
    '@article{a, title = {x} junk}',
    '\u0000@@@{,,,}',
  ]) {
    const result = importBibtex('g.bib', text);
    assert.ok(Array.isArray(result.papers) && Array.isArray(result.diagnostics), text);
  }
  const result = importBibtex('g.bib', '@article{a, title = {x} junk}\n@article{b, title={Fine}}\n');
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['Fine'],
  );
  assert.equal(result.diagnostics[0].severity, 'error');
  assert.match(result.diagnostics[0].message, /entry `a`.*expected `,` or `}` after field `title`/);
});

test('a very deeply nested value does not overflow the stack', () => {
  const depth = 100_000;
  const text = `@article{deep, title = {${'{'.repeat(depth)}Deep${'}'.repeat(depth)}}}\n@article{after, title = {After}}\n`;
  const result = importBibtex('deep.bib', text);
  assert.deepEqual(
    result.papers.map((p) => p.title),
    ['Deep', 'After'],
  );
});

test("a publisher's HTML in a title or abstract is read as text, and the abstract's label goes", () => {
  // As Zotero exports a Copernicus abstract and a Mendeley title (../shared/corpora, shortened).
  const bib = [
    '@article{dolgova2018,',
    '\ttitle = {A cellular map of the nervous system of {\\textless}i{\\textgreater}C. elegans{\\textless}/i{\\textgreater}},',
    '\tabstract = {{\\textless}p{\\textgreater}{\\textless}strong{\\textgreater}Abstract.{\\textless}/strong{\\textgreater} Cold-seep communities in the western Barents Sea (76{\\textless}span class="inline-formula"{\\textgreater}$^{\\textrm{∘}}${\\textless}/span{\\textgreater}{\\textless}span class="thinspace"{\\textgreater}{\\textless}/span{\\textgreater}N, 30\\&thinsp;cm depth) were investigated.{\\textless}/p{\\textgreater}},',
    '}',
    '@article{mean2007,',
    '\ttitle = {Fluctuations of the mean momentum},',
    '\tabstract = {Abstract reasoning aside, we bound <p> and <v> where p<0.05 and x<y and y>z.},',
    '}',
    '@article{science2015,',
    '\ttitle = {Ocean plankton},',
    '\tabstract = {Plankton are the currencies of ocean microbiome function. <img class="fragment-image" src="F1.medium.gif"/> <p>To fill crucial data gaps we sampled methane (<span class="inline-formula">CH<sub class="s">4</sub></span>).},',
    '}',
  ].join('\n');
  const { papers } = importBibtex('library.bib', bib);
  assert.deepEqual(
    papers.map((p) => [p.title, p.abstract]),
    [
      [
        'A cellular map of the nervous system of C. elegans',
        'Cold-seep communities in the western Barents Sea (76$^{\\textrm{∘}}$N, 30 cm depth) were investigated.',
      ],
      ['Fluctuations of the mean momentum', 'Abstract reasoning aside, we bound <p> and <v> where p<0.05 and x<y and y>z.'],
      [
        'Ocean plankton',
        'Plankton are the currencies of ocean microbiome function. To fill crucial data gaps we sampled methane (CH<sub>4</sub>).',
      ],
    ],
  );
});

test("Mendeley's escaped backslashes are read back: TeX commands as TeX, escaped line breaks as spaces, in the text and the CSL record", () => {
  // As Mendeley writes a record whose text held `\textit{…}` and PubMed's literal `\n` and `\r` (../shared/corpora, shortened).
  const bib = [
    '@article{Varshney2015,',
    'abstract = {UNLABELLED: We map the wiring of the $\\backslash$textit{\\{}Caenorhabditis elegans{\\}} nervous system.$\\backslash$n$\\backslash$nAVAILABILITY: http://example.org/worm, with a $\\backslash$alpha-free$\\backslash$tkernel and a $\\backslash$; rule.},',
    'isbn = {1745-1701 (Electronic)$\\backslash$r0586-7614 (Linking)},',
    'journal = {Bioinformatics},',
    'title = {{Wiring of the worm}},',
    'year = {2015}',
    '}',
    '@article{Braces2016,',
    'abstract = {Sets {\\{}0, 1{\\}} and a path C:$\\backslash$data.},',
    'title = {{Braces kept}},',
    'year = {2016}',
    '}',
  ].join('\n');
  const { papers } = importBibtex('library.bib', bib);
  assert.equal(
    papers[0].abstract,
    'We map the wiring of the Caenorhabditis elegans nervous system. AVAILABILITY: http://example.org/worm, with a α-free kernel and a \\; rule.',
  );
  assert.equal(papers[0].csl?.ISBN, '1745-1701 (Electronic) 0586-7614 (Linking)');
  // No TeX command in the text: its braces are text, the backslash a backslash.
  assert.equal(papers[1].abstract, 'Sets {0, 1} and a path C:\\data.');
});

test("a @preamble's TeX macros apply to every entry's title, wherever it stands; math keeps its braces' text", () => {
  const bib = [
    '@article{ranger2017,',
    '  title = {{\\rpackage{ranger}}: Fast Random Forests in {\\proglang{C++}} and \\proglang{R}},',
    '  year = {2017}',
    '}',
    '@book{zeta,',
    '  title = {{\\noopsort{a}}Zeta Functions, an {$\\epsilon$}-Dominance Study},',
    '  year = {2001}',
    '}',
    '@string{pkg = "\\providecommand{\\rpackage}[1]{{#1}} "}',
    '@preamble{ pkg # "\\providecommand{\\proglang}[1]{{#1}} " # "\\newcommand{\\noopsort}[1]{} "}',
  ].join('\n');
  const { papers, diagnostics } = importBibtex('library.bib', bib);
  assert.deepEqual(
    papers.map((p) => p.title),
    ['ranger: Fast Random Forests in C++ and R', 'Zeta Functions, an $\\epsilon$-Dominance Study'],
  );
  assert.deepEqual(diagnostics, []);
});
