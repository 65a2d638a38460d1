// Pandoc compatibility: the citations Lectern's Insert Citation writes into a Quarto draft are
// exactly keys of the `.bib` the draft names, as Pandoc will read them (`pandoc --citeproc`
// resolves `[@key]` against the bibliography's keys), checked with a separate BibTeX parser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parse } from '@retorquere/bibtex-parser';
import { latexBibliographies, markdownBibliographies, resolveBibliographyPath } from '../../src/core/cite/bibliography-declarations';
import { citationInsertion } from '../../src/core/cite/citation-insertion';
import { findLatexCitations } from '../../src/core/cite/latex-citations';
import { findPandocCitations } from '../../src/core/cite/pandoc-citations';
import { importCorpusFile } from '../../src/core/import/import-corpus-file';
import type { Paper } from '../../src/core/model/paper';
import { sharedCorpus } from '../support/shared-corpora';

const BIBS = ['bibtex_zotero_marine-chemistry_my-library.bib', 'bibtex_mendeley_neuroscience_library.bib'];

const imported = new Map<string, Paper[]>();
const bibKeys = new Map<string, Set<string>>();

/** The papers Lectern imports from a `.bib` (the id does not matter here: citations use the citekey). */
function papersOf(path: string): Paper[] {
  if (!imported.has(path)) {
    imported.set(
      path,
      importCorpusFile(path, readFileSync(path)).papers.map((paper, n) => ({ ...paper, id: paper.id ?? `paper-${n}` })),
    );
  }
  return imported.get(path)!;
}

/**
 * Whether `key` is a key of the `.bib`, as a BibTeX parser other than Lectern's importer reads it:
 * one of its entries' keys; or, for an entry it rejects (Mendeley's `Arnatkevi?iute2014`: BibTeX
 * and Pandoc take `?` in a key, `@retorquere/bibtex-parser` does not), the key of the entry text it reports.
 */
function bibKeyCheck(path: string): (key: string) => boolean {
  const known = bibKeys.get(path);
  if (known) return (key) => known.has(key);
  const library = parse(readFileSync(path, 'utf8'), { english: false });
  const keys = new Set(library.entries.map((entry) => entry.key));
  const rejected = library.errors.map((error) => /^@\w+\{([^,\s]+),/.exec(error.input ?? '')?.[1]).filter(Boolean);
  for (const key of rejected) keys.add(key!);
  bibKeys.set(path, keys);
  return (key) => keys.has(key);
}

/** Inserts a citation at the end of `text` (or at `offset`), as the Insert Citation command does. */
function insert(text: string, paper: Paper, languageId: string, offset = text.length): string {
  const at = citationInsertion({ languageId, text, offset, paper });
  return text.slice(0, at.offset) + at.text + text.slice(at.offset);
}

/** Every 25th paper with a citekey, and the ones whose keys have punctuation or non-ASCII letters. */
function sampleOf(papers: Paper[]): Paper[] {
  const keyed = papers.filter((paper) => paper.citeKey);
  return keyed.filter((paper, n) => n % 25 === 0 || /[^A-Za-z0-9]/.test(paper.citeKey!)).slice(0, 120);
}

describe('Pandoc compatibility of inserted citations', () => {
  for (const name of BIBS) {
    const corpus = sharedCorpus(name);
    test(`a Quarto draft citing papers of ${name}: every key is a key of the .bib it names`, { skip: corpus.skip }, () => {
      const bib = corpus.path;
      const papers = sampleOf(papersOf(bib));
      assert.ok(papers.length >= 10, `${papers.length} papers sampled`);
      let draft = `---\ntitle: "Draft"\nbibliography: ${basename(bib)}\n---\n\n## Results\n\n`;
      papers.forEach((paper, n) => {
        draft += n % 3 === 0 ? `Finding ${n} ` : n % 3 === 1 ? `as @` : 'and ';
        draft = insert(draft, paper, 'quarto');
        draft += n % 3 === 1 ? ' argues.\n' : '.\n';
      });
      // A second citation inside the first bracketed group: `[@a; @b]`.
      const close = draft.indexOf(']', draft.indexOf('[@'));
      draft = insert(draft, papers[papers.length - 1], 'quarto', close);

      const [declared] = markdownBibliographies(draft);
      const named = resolveBibliographyPath(dirname(bib), declared.path);
      assert.equal(named, bib);
      const isBibKey = bibKeyCheck(named);
      const cited = findPandocCitations(draft).map((citation) => citation.key);
      assert.deepEqual(new Set(cited), new Set(papers.map((paper) => paper.citeKey)));
      for (const key of cited) assert.ok(isBibKey(key), `"${key}" is a key of ${name}`);
      assert.match(draft, /\[@[^\]\n]+; @[^\]\n]+\]/);
    });
  }

  const corpus = sharedCorpus(BIBS[0]);
  test('a LaTeX draft: \\cite keys are keys of the \\bibliography it names', { skip: corpus.skip }, () => {
    const bib = corpus.path;
    const papers = sampleOf(papersOf(bib)).slice(0, 30);
    let draft = '\\documentclass{article}\n\\begin{document}\nSee ';
    for (const paper of papers) draft = insert(draft, paper, 'latex') + ' and ';
    draft += '.\n\\bibliography{' + basename(bib, '.bib') + '}\n\\end{document}\n';
    const [declared] = latexBibliographies(draft);
    const isBibKey = bibKeyCheck(resolveBibliographyPath(dirname(bib), declared.path));
    const cited = findLatexCitations(draft).map((citation) => citation.key);
    assert.deepEqual(
      cited,
      papers.map((paper) => paper.citeKey),
    );
    for (const key of cited) assert.ok(isBibKey(key), `"${key}" is a key of the .bib`);
  });
});
