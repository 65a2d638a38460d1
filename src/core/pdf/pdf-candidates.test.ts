import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paper } from '../model/paper';
import { bibtexFileField, pdfCandidates, pdfFileName } from './pdf-candidates';

function paper(extra: Partial<Paper> = {}): Paper {
  return {
    id: 'smith2020deep',
    title: 'Deep',
    authors: [],
    abstract: '',
    keywords: [],
    categories: [],
    topics: [],
    source: { file: '/ws/refs/library.bib', line: 1 },
    ...extra,
  };
}

test('the BibTeX file field is read from the entry as written, braces and all', () => {
  const entry = '@article{Smith2020,\n\ttitle = {Deep},\n\tfile = {Full text:pdfs/Smith {\\&} Jones.pdf:PDF},\n}';
  assert.equal(bibtexFileField(entry), 'Full text:pdfs/Smith {\\&} Jones.pdf:PDF');
  assert.equal(bibtexFileField('@article{x, title = {No file}}'), undefined);
});

test('candidates: the linked file, the file field (relative to the .bib, then the workspace), then the PDF folders by id and citekey', () => {
  const entry = '@article{Smith2020,\n  file = {Full text:pdfs/Smith {\\&} Jones.pdf:PDF;Snapshot:snap.html:text/html}\n}';
  const found = pdfCandidates(paper({ bibtexEntry: entry, citeKey: 'Smith2020', arxivId: '2001.00001' }), {
    folders: ['/ws/papers/pdf'],
    workspaceFolder: '/ws',
    linked: '/elsewhere/linked.pdf',
  });
  assert.deepEqual(found, [
    { path: '/elsewhere/linked.pdf', origin: 'attached' },
    { path: '/ws/refs/pdfs/Smith & Jones.pdf', origin: 'file field' },
    { path: '/ws/pdfs/Smith & Jones.pdf', origin: 'file field' },
    { path: '/ws/papers/pdf/smith2020deep.pdf', origin: 'folder' },
    { path: '/ws/papers/pdf/Smith2020.pdf', origin: 'folder' },
    { path: '/ws/papers/pdf/2001.00001.pdf', origin: 'folder' },
  ]);
});

test('Mendeley paths are tried with their leading slash first; absolute paths as they are', () => {
  const entry = '@article{A, file = {:Users/me/Downloaded/A - 2010.pdf:pdf;:/abs/B.pdf:pdf}}';
  const paths = pdfCandidates(paper({ bibtexEntry: entry }), { folders: [] }).map((candidate) => candidate.path);
  assert.deepEqual(paths, ['/Users/me/Downloaded/A - 2010.pdf', '/ws/refs/Users/me/Downloaded/A - 2010.pdf', '/abs/B.pdf']);
});

test('CSL-JSON and Lectern JSON records give their file or pdf field; file: URLs become paths', () => {
  const csl = { id: 'x', type: 'article', file: 'file:///home/me/a%20b.pdf', pdf: 'papers/x.pdf' };
  const paths = pdfCandidates(paper({ csl, source: { file: '/ws/lib.json', line: 3 } }), { folders: [] }).map((c) => c.path);
  assert.deepEqual(paths, ['/home/me/a b.pdf', '/ws/papers/x.pdf']);
});

test('ids and citekeys become safe file names', () => {
  assert.equal(pdfFileName('hep-th/0701001'), 'hep-th_0701001.pdf');
  assert.equal(pdfFileName('Smith:2020'), 'Smith_2020.pdf');
});
