// The slow BibTeX tests: a generated 10,000-entry file and the shared real-world corpora. They run in `npm run test:integration`
// but out of the bibtex mutation run (scripts/mutate.mjs), where every mutant would otherwise run them (10 to 15 s each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sharedCorpus } from '../../../test/support/shared-corpora';
import { importBibtex } from './bibtex-importer';

test('a generated 10,000-entry file loads every entry with the right lines', () => {
  const entries: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    // Every 20th entry has TeX in its names, which takes the parser's slower path.
    const second = i % 20 === 0 ? 'M{\\"u}ller, Jo' : 'Müller, Jo';
    entries.push(
      `@article{key${i},\n  title = {Paper number ${i} on {Graph} networks},\n  author = {Author${i}, Ann and ${second}},\n  abstract = {Abstract ${i} with $x^{${i}}$ math.},\n  year = {${1990 + (i % 30)}},\n}\n`,
    );
  }
  const result = importBibtex('big.bib', entries.join('\n'));
  assert.equal(result.diagnostics.length, 0);
  assert.equal(result.papers.length, 10_000);
  assert.equal(result.papers[9_999].title, 'Paper number 9999 on Graph networks');
  assert.deepEqual(result.papers[9_999].authors, ['Ann Author9999', 'Jo Müller']);
  assert.deepEqual(result.papers[9_980].authors, ['Ann Author9980', 'Jo Müller']);
  assert.equal(result.papers[9_999].abstract, 'Abstract 9999 with $x^{9999}$ math.');
  assert.equal(result.papers[9_999].source.line, 9_999 * 7 + 1);
});

const mendeley = sharedCorpus('bibtex_mendeley_neuroscience_library.bib');
test('shared corpus: the Mendeley export loads despite its unclosed brace and reports it', { skip: mendeley.skip }, () => {
  const result = importBibtex(mendeley.path, readFileSync(mendeley.path, 'utf8'));
  assert.ok(result.papers.length >= 900, `${result.papers.length} papers`);
  assert.equal(result.papers.length, 933);
  const schwan = result.papers.find((p) => p.citeKey === 'Schwanhausser2011');
  assert.ok(schwan, 'the entry with the unclosed brace is recovered');
  assert.equal(schwan.title, 'Global quantification of mammalian gene expression control');
  assert.equal(schwan.doi, '10.1038/nature10098');
  const report = result.diagnostics.find((d) => d.message.includes('Schwanhausser2011'));
  assert.ok(report, 'the unclosed brace is reported');
  // Counted in `\n` lines; the file also has one lone CR (line 8196), which editors count as a line end.
  assert.equal(report.line, 10664);
  assert.ok(
    result.papers.some((p) => p.citeKey === 'Calabrese2015'),
    'the entry after it loads',
  );
  assert.equal(result.papers.filter((p) => !p.citeKey).length, 16, '16 entries with an empty key load');
  const zamora = result.papers.find((p) => p.citeKey === 'Zamora-Lopez2010');
  assert.ok(zamora);
  assert.deepEqual(zamora.authors, ['Gorka Zamora-López', 'Changsong Zhou', 'Jürgen Kurths']);
  assert.equal(zamora.title, 'Cortical hubs form a module for multisensory integration on top of the hierarchy of cortical networks.');
  assert.ok(!result.papers.some((p) => /[{}]/.test(p.title)), 'no case-protection braces left in titles');
  assert.ok(!result.papers.some((p) => p.url && /\s/.test(p.url)), 'one URL per paper');
  assert.ok(result.papers.filter((p) => p.abstract).length >= 725);
  // Eight abstracts and 42 ISBNs hold backslashes Mendeley escaped (`$\backslash$n`, `$\backslash$textit{\{}…{\}}`,
  // `{\$}\backslashtau=1{\$}`), nine a tilde (`{\~{}}250,000`); math keeps its own (`$\rho$`).
  const escaped = /backslash|\{\\ \}|\\[nrt](?![a-z])/;
  assert.deepEqual(
    result.papers.filter((p) => escaped.test(p.title + p.abstract + (p.csl?.ISBN ?? ''))).map((p) => p.citeKey),
    [],
  );
  assert.match(result.papers.find((p) => p.citeKey === 'Lofstedt2016')?.abstract ?? '', /\(i\.e\., with \$\\tau=1\$\)/);
  assert.match(result.papers.find((p) => p.citeKey === 'Hernandez2011')?.abstract ?? '', /over the past ~250,000 years/);
  const gemma = result.papers.find((p) => p.citeKey === 'Zoubarev2012');
  assert.match(gemma?.abstract ?? '', /^Gemma is a database.* a Cytoscape plugin\. AVAILABILITY: http:\/\/chibi/);
  assert.equal(result.papers.find((p) => p.citeKey === 'Voineskos2016')?.csl?.ISBN, '1745-1701 (Electronic) 0586-7614 (Linking)');
});

const zotero = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');
test("shared corpus: the Zotero export loads every titled entry, publishers' HTML read as text", { skip: zotero.skip }, () => {
  const result = importBibtex(zotero.path, readFileSync(zotero.path, 'utf8'));
  // 1679 entries; one of them (`@misc{noauthor_notitle_nodate,}`) is empty and reported.
  assert.equal(result.papers.length, 1678);
  assert.equal(result.diagnostics.length, 1);
  assert.match(result.diagnostics[0].message, /noauthor_notitle_nodate.*no title/);
  // Publisher HTML is escaped as `{\textless}p{\textgreater}` in 38 abstracts; it reads as the text it marks up
  // (subscripts and superscripts would stay: none here), with no class names ("inline-formula") left to search or name topics by (a `<br.` that
  // one record writes is no tag, and stays).
  const raw = readFileSync(zotero.path, 'utf8');
  assert.ok((raw.match(/\{\\textless\}\/p\{\\textgreater\}/g) ?? []).length >= 30, 'the export holds the HTML');
  assert.deepEqual(
    result.papers
      .filter((p) => /<\/?(p|span|strong|br|i|div)(\s[^<>]*)?\/?>|inline-formula|thinspace|&thinsp;/.test(p.abstract + p.title))
      .map((p) => p.title),
    [],
  );
  assert.ok(!result.papers.some((p) => /\\text(less|greater)/.test(p.abstract + p.title)));
  const protists = result.papers.find((p) => p.abstract.includes('Protists are an important part'));
  assert.ok(protists);
  assert.match(protists.abstract, /^Protists are an important part of the marine food web\. In this Review, Caron et al\. summarize/);
  const seep = result.papers.find((p) => p.title.startsWith('Geophysical and geochemical controls on the megafaunal community'));
  assert.match(seep?.abstract ?? '', /^Cold-seep megafaunal communities around gas hydrate mounds \(pingos\) in the western Barents Sea/);
  assert.ok(
    result.papers.some((p) => p.title.includes('Fourier transform')),
    '{Fourier} loses its braces',
  );
  assert.ok(result.papers.filter((p) => p.date && /^\d{4}-\d{2}$/.test(p.date)).length > 900, 'bare month macros give dates');
});

const iridia = sharedCorpus('bibtex_iridia_cc0/articles.bib');
test('shared corpus: IRIDIA articles with macros defined in other files load, undefined macros reported', { skip: iridia.skip }, () => {
  const result = importBibtex(iridia.path, readFileSync(iridia.path, 'utf8'));
  assert.equal(result.papers.length, 1509);
  const macroDiagnostics = result.diagnostics.filter((d) => /macro/.test(d.message));
  assert.ok(macroDiagnostics.length > 0 && macroDiagnostics.length <= 51);
  assert.ok(macroDiagnostics.every((d) => d.severity === 'warning' && d.line > 1));
});

const iridiaFolder = sharedCorpus('bibtex_iridia_cc0/abbrev.bib');
test("shared corpus: IRIDIA's files read as one (macros first) show titles without TeX commands", { skip: iridiaFolder.skip }, () => {
  // abbrev.bib's @preamble defines \rpackage, \proglang, \softwarepackage and \MaxMinAntSystem; titles put braces around math.
  const files = ['abbrev.bib', 'journals.bib', 'authors.bib', 'articles.bib'].map((name) => join(dirname(iridiaFolder.path), name));
  const result = importBibtex('articles.bib', files.map((path) => readFileSync(path, 'utf8')).join('\n'));
  const outsideMath = (title: string): string => title.replace(/\$[^$]+\$|\\\(.+?\\\)/g, ' ');
  assert.deepEqual(
    result.papers.filter((p) => /\\[A-Za-z]|[{}]/.test(outsideMath(p.title))).map((p) => p.title),
    [],
  );
  const titles = new Set(result.papers.map((p) => p.title));
  for (const title of [
    'mlr: Machine Learning in R',
    'Scikit-learn: Machine learning in Python',
    'Evaluating the $\\epsilon$-domination based multi-objective evolutionary algorithm for a quick computation of Pareto-optimal solutions',
    'Bi-objective multi-layer location–allocation model for the immediate aftermath of sudden-onset disasters',
  ])
    assert.ok(titles.has(title), title);
  assert.ok([...titles].some((title) => title.startsWith('A $\\cal MAX$–$\\cal MIN$ Ant System for')));
});
