import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '@retorquere/bibtex-parser';
import type { Paper } from '../model/paper';
import { bundledCitationStyle } from '../../../test/support/bundled-citation-style';
import { formatCitation } from './format-citation';

function paper(fields: Partial<Paper> & Pick<Paper, 'id' | 'title'>): Paper {
  return { authors: [], abstract: '', keywords: [], categories: [], topics: [], source: { file: 'library.bib', line: 1 }, ...fields };
}

const full = paper({
  id: '2411.12345',
  citeKey: 'he2025cracking',
  title: 'Cracking the Code of Hallucination in LVLMs with Vision-aware Head Divergence',
  authors: ['Jinghan He', 'Jan van der Berg', 'Jean-Paul M. Sartre'],
  year: 2025,
  abstract: 'Large vision-language models hallucinate.',
  venue: 'Transactions on Machine Learning Research',
  doi: '10.1234/tmlr.2025.42',
  arxivId: '2411.12345',
  url: 'https://openreview.net/forum?id=abc',
});

const titleOnly = paper({ id: 'latent-compass-creation-by-navigation', title: 'Latent Compass: Creation by Navigation' });

test('BibTeX of a paper with full metadata', () => {
  assert.equal(
    formatCitation(full, 'bibtex'),
    [
      '@article{he2025cracking,',
      '  title = {Cracking the Code of Hallucination in {LVLMs} with Vision-aware Head Divergence},',
      '  author = {He, Jinghan and van der Berg, Jan and Sartre, Jean-Paul M.},',
      '  journal = {Transactions on Machine Learning Research},',
      '  year = {2025},',
      '  doi = {10.1234/tmlr.2025.42},',
      '  eprint = {2411.12345},',
      '  archivePrefix = {arXiv},',
      '  url = {https://openreview.net/forum?id=abc}',
      '}',
    ].join('\n'),
  );
});

test('APA 7 (citeproc-js with the bundled apa.csl), in-text, CSL-JSON and markdown of a paper with full metadata', () => {
  assert.equal(
    formatCitation(full, 'apa'),
    'He, J., van der Berg, J., & Sartre, J.-P. M. (2025). Cracking the Code of Hallucination in LVLMs with Vision-aware Head Divergence. *Transactions on Machine Learning Research*. https://doi.org/10.1234/tmlr.2025.42',
  );
  assert.equal(
    formatCitation(full, 'apa', { markup: 'text', style: bundledCitationStyle }),
    'He, J., van der Berg, J., & Sartre, J.-P. M. (2025). Cracking the Code of Hallucination in LVLMs with Vision-aware Head Divergence. Transactions on Machine Learning Research. https://doi.org/10.1234/tmlr.2025.42',
  );
  assert.equal(formatCitation(full, 'in-text'), '(He et al., 2025)');
  assert.deepEqual(JSON.parse(formatCitation(full, 'csl-json')), {
    id: 'he2025cracking',
    'citation-key': 'he2025cracking',
    type: 'article-journal',
    title: 'Cracking the Code of Hallucination in LVLMs with Vision-aware Head Divergence',
    author: [
      { family: 'He', given: 'Jinghan' },
      { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      { family: 'Sartre', given: 'Jean-Paul M.' },
    ],
    issued: { 'date-parts': [[2025]] },
    'container-title': 'Transactions on Machine Learning Research',
    DOI: '10.1234/tmlr.2025.42',
    URL: 'https://openreview.net/forum?id=abc',
    abstract: 'Large vision-language models hallucinate.',
  });
  assert.equal(
    formatCitation(full, 'markdown'),
    '[Cracking the Code of Hallucination in LVLMs with Vision-aware Head Divergence](https://doi.org/10.1234/tmlr.2025.42)',
  );
});

test('citations of a paper with only a title', () => {
  assert.equal(
    formatCitation(titleOnly, 'bibtex'),
    '@misc{latent-compass-creation-by-navigation,\n  title = {Latent Compass: Creation by Navigation}\n}',
  );
  // APA 7 (9.12): without an author the title moves first; a stand-alone work's title is italic.
  assert.equal(formatCitation(titleOnly, 'apa'), '*Latent Compass: Creation by Navigation*. (n.d.).');
  assert.equal(formatCitation(titleOnly, 'in-text'), '(Latent Compass: Creation by Navigation, n.d.)');
  assert.equal(
    formatCitation(titleOnly, 'markdown'),
    '[Latent Compass: Creation by Navigation](lectern:paper/latent-compass-creation-by-navigation)',
  );
});

test('an arXiv preprint with a conference venue, one author and no DOI', () => {
  const preprint = paper({
    id: '2310.01234',
    arxivId: '2310.01234',
    title: 'MindBridge: A Cross-Subject Brain Decoding Framework',
    authors: ['Shizun Wang'],
    year: 2024,
    venue: 'CVPR 2024',
  });
  assert.equal(
    formatCitation(preprint, 'bibtex'),
    [
      '@inproceedings{2310.01234,',
      '  title = {{MindBridge:} A Cross-Subject Brain Decoding Framework},',
      '  author = {Wang, Shizun},',
      '  booktitle = {CVPR 2024},',
      '  year = {2024},',
      '  eprint = {2310.01234},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2310.01234}',
      '}',
    ].join('\n'),
  );
  assert.equal(
    formatCitation(preprint, 'apa'),
    'Wang, S. (2024). MindBridge: A Cross-Subject Brain Decoding Framework. *CVPR 2024*. https://arxiv.org/abs/2310.01234',
  );
  const bare = { ...preprint, venue: 'arXiv' };
  assert.match(formatCitation(bare, 'bibtex'), /^@misc\{2310\.01234,/);
  // Without a venue the paper is an arXiv preprint as Zotero stores it, cited as APA 7 (10.8) cites preprints.
  assert.equal(
    formatCitation(bare, 'apa'),
    'Wang, S. (2024). *MindBridge: A Cross-Subject Brain Decoding Framework* (arXiv:2310.01234). arXiv. https://doi.org/10.48550/arXiv.2310.01234',
  );
});

test('APA lists two authors with "&", and 21 or more as the first 19, an ellipsis and the last', () => {
  const two = paper({ id: 'x', title: 'Two Authors?', authors: ['Ada Lovelace', 'Charles Babbage'], year: 1843 });
  assert.equal(formatCitation(two, 'apa'), 'Lovelace, A., & Babbage, C. (1843). *Two Authors?*');
  assert.equal(formatCitation(two, 'in-text'), '(Lovelace & Babbage, 1843)');
  const many = paper({
    id: 'y',
    title: 'Big Science',
    authors: Array.from({ length: 25 }, (_, i) => `Author ${String.fromCharCode(65 + i)}${i}`),
    date: '2021-05-01',
  });
  const apa = formatCitation(many, 'apa');
  // apa.csl writes the ellipsis as one character (…) where the manual prints ". . .".
  assert.match(apa, /^A0, A\., B1, A\., .*S18, A\., … Y24, A\. \(2021\)\. \*Big Science\*\.$/);
  assert.equal(apa.match(/, A\./g)?.length, 20);
});

test('a BibTeX title with %, &, _, #, $ and braces round-trips through a BibTeX parser', () => {
  const title = 'Top-1 at 100% Recall & Beyond: the_best #1 model costs $5 for {LVLMs}';
  const tricky = paper({ id: 'tricky', title, authors: ['Zoë Ünal', 'Jan van der Berg'], year: 2024, venue: 'R&D Letters' });
  const entry = formatCitation(tricky, 'bibtex');
  assert.ok(entry.includes('100\\% Recall \\& Beyond: the\\_best \\#1 model costs \\$5'), entry);
  const library = parse(entry, { english: false });
  assert.deepEqual(library.errors, []);
  assert.equal(library.entries.length, 1);
  const [parsed] = library.entries;
  assert.equal(parsed.type, 'article');
  assert.equal(parsed.fields.title, title);
  assert.equal(parsed.fields.journal, 'R&D Letters');
  assert.deepEqual(parsed.fields.author, [
    { lastName: 'Ünal', firstName: 'Zoë' },
    { lastName: 'Berg', firstName: 'Jan', prefix: 'van der' },
  ]);
});

test('markdown escapes what would break the link text or target', () => {
  const odd = paper({
    id: 'odd',
    title: 'On [Brackets] and *stars*',
    url: 'https://en.wikipedia.org/wiki/Saliency_(vision) https://example.org/mirror',
  });
  // Reference managers may store several space-separated URLs; the first is used.
  assert.equal(formatCitation(odd, 'markdown'), '[On \\[Brackets\\] and \\*stars\\*](https://en.wikipedia.org/wiki/Saliency_%28vision%29)');
});

test('BibTeX names from a CSL record: organisations and split-prone parts braced, suffixes and particles kept', () => {
  const record = paper({
    id: 'who2021',
    title: 'Report',
    csl: {
      id: 'who2021',
      type: 'report',
      title: 'Global Report on Research & Development',
      author: [
        { literal: 'Research and Development Corporation' },
        { family: 'King', suffix: 'Jr.' },
        { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' },
        { family: 'Veen', given: 'Barry', 'non-dropping-particle': 'Van' },
        { family: 'Ng', given: 'Andrew, Y.' },
      ],
      publisher: 'World Health Organization',
      number: 'WHO/2021/7',
      issued: { 'date-parts': [[2021, 13]] },
    },
  });
  const entry = formatCitation(record, 'bibtex');
  assert.equal(
    entry,
    [
      '@techreport{who2021,',
      '  title = {Global Report on Research \\& Development},',
      '  author = {{Research and Development Corporation} and King, Jr., and van Gogh, Vincent and {Van Veen}, Barry and Ng, {Andrew, Y.}},',
      '  number = {WHO/2021/7},',
      '  institution = {World Health Organization},',
      '  year = {2021}',
      '}',
    ].join('\n'),
  );
  const [parsed] = parse(entry, { english: false }).entries;
  assert.deepEqual(parsed.fields.author, [
    { name: 'Research and Development Corporation' },
    // BibTeX's "Last, Jr, First" with First empty: bibtex and biber read Jr as the suffix;
    // @retorquere/bibtex-parser reads the middle part as the first name when the last part is empty.
    { lastName: 'King', firstName: 'Jr.' },
    { lastName: 'Gogh', firstName: 'Vincent', prefix: 'van' },
    { lastName: 'Van Veen', firstName: 'Barry' },
    { lastName: 'Ng', firstName: 'Andrew, Y.' },
  ]);
});

test('an unknown format is a Lectern error naming the formats', () => {
  assert.throws(
    () => formatCitation(titleOnly, 'mla' as never),
    /^Error: Lectern: unknown citation format "mla"; use apa, in-text, bibtex, csl-json, markdown\.$/,
  );
});
