import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LibraryLoader, type FileUpdate } from './library-loader';
import { MemoryCorpusSource } from './memory-corpus-source';

// A lab's hand-kept library as IRIDIA's is split (../shared/corpora/bibtex_iridia_cc0): macros in files of their own
// (one named .bibtex, which is BibTeX too).
const abbrev = '@preamble{"\\providecommand{\\proglang}[1]{{#1}}"}\n@string{and = " and "}\n';
const journals = (tec: string): string => `@string{tec = "${tec}"}\n`;
const authors = '@string{Lopez_M = "L{\\\'o}pez-Ib{\\\'a}{\\~n}ez, Manuel"}\n@string{Stutzle_T = "St{\\"u}tzle, Thomas"}\n';
const article = (key: string, title: string): string =>
  `@article{${key}, author = Lopez_M #and# Stutzle_T, journal = tec, title = {${title}}, year = 2012}\n`;

function library(): MemoryCorpusSource {
  return new MemoryCorpusSource(
    {
      '/lab/abbrev.bib': abbrev,
      '/lab/journals.bib': journals('IEEE Transactions on Evolutionary Computation'),
      '/lab/authors.bibtex': authors,
      '/lab/articles.bib': article('LopStu2012tec', 'Tuning ACO in \\proglang{R}'),
      // Another folder's file does not see them.
      '/elsewhere/refs.bib': article('copy', 'A copy elsewhere'),
    },
    ['/lab', '/elsewhere'],
  );
}

const shown = (loader: LibraryLoader) =>
  loader.loaded!.library.papers.map((p) => `${p.source.file}: ${p.authors.join('; ')} · ${p.venue} · ${p.title}`);

test("a folder's BibTeX files read one another's @string and @preamble macros; another folder's do not", async () => {
  const loader = new LibraryLoader(library());
  const loaded = await loader.load();
  assert.deepEqual(shown(loader), [
    '/elsewhere/refs.bib: Lopez_MandStutzle_T · tec · A copy elsewhere',
    '/lab/articles.bib: Manuel López-Ibáñez; Thomas Stützle · IEEE Transactions on Evolutionary Computation · Tuning ACO in R',
  ]);
  const problems = loaded.library.corpus.diagnostics.map((d) => `${d.file}: ${/macro `([^`]+)`|no papers found/.exec(d.message)?.[0]}`);
  assert.deepEqual(problems, [
    '/elsewhere/refs.bib: macro `Lopez_M`',
    '/elsewhere/refs.bib: macro `and`',
    '/elsewhere/refs.bib: macro `Stutzle_T`',
    '/elsewhere/refs.bib: macro `tec`',
  ]);
});

test('an edit to a file of macros reloads its folder; an edit to an entry file reads it with its folder', async () => {
  const source = library();
  const loader = new LibraryLoader(source);
  await loader.load();
  const updates: Array<Promise<FileUpdate | undefined>> = [];
  const watching = source.watch((change) => updates.push(loader.applyChange(change)));
  try {
    source.write('/lab/articles.bib', article('LopStu2012tec', 'Tuning ACO in \\proglang{R}') + article('LopStu2013', 'More tuning'));
    const entries = await updates.shift()!;
    assert.equal(entries?.reloadNeeded, undefined);
    assert.equal(entries?.change.added.length, 1);
    assert.equal(
      shown(loader)[2],
      '/lab/articles.bib: Manuel López-Ibáñez; Thomas Stützle · IEEE Transactions on Evolutionary Computation · More tuning',
    );

    // The same definitions in other words (a comment added) change nothing the folder reads.
    source.write('/lab/journals.bib', `% journals\n${journals('IEEE Transactions on Evolutionary Computation')}`);
    assert.equal((await updates.shift()!)?.reloadNeeded, undefined);
    source.write('/lab/journals.bib', journals('IEEE Trans. Evol. Comput.'));
    assert.equal((await updates.shift()!)?.reloadNeeded, true);
    // A new .bib file of entries reads the folder's macros; one that defines macros has the folder read again.
    source.write('/lab/more.bib', article('new2024', 'New'));
    const added = await updates.shift()!;
    assert.equal(added?.reloadNeeded, undefined);
    assert.equal(added?.change.added.length, 1);
    assert.match(shown(loader)[3], /^\/lab\/more\.bib: Manuel López-Ibáñez; Thomas Stützle · IEEE Trans\. Evol\. Comput\. · New$/);
    source.write('/lab/series.bib', '@string{lncs = "Lecture Notes in Computer Science"}\n');
    assert.equal((await updates.shift()!)?.reloadNeeded, true);
    source.remove('/lab/authors.bibtex');
    assert.equal((await updates.shift()!)?.reloadNeeded, true);
  } finally {
    watching.dispose();
  }
  // authors.bib is gone (its names stay macro names, now split at abbrev.bib's " and "); journals.bib's edit holds.
  await loader.load();
  assert.deepEqual(shown(loader).slice(1), [
    '/lab/articles.bib: Lopez_M; Stutzle_T · IEEE Trans. Evol. Comput. · Tuning ACO in R',
    '/lab/articles.bib: Lopez_M; Stutzle_T · IEEE Trans. Evol. Comput. · More tuning',
    '/lab/more.bib: Lopez_M; Stutzle_T · IEEE Trans. Evol. Comput. · New',
  ]);
});

test('a .bib file added beside one that was alone in its folder reads its macros without a reload', async () => {
  const source = new MemoryCorpusSource({ '/solo/journals.bib': journals('Swarm Intelligence') }, ['/solo']);
  const loader = new LibraryLoader(source);
  await loader.load();
  const updates: Array<Promise<FileUpdate | undefined>> = [];
  const watching = source.watch((change) => updates.push(loader.applyChange(change)));
  try {
    source.write('/solo/articles.bib', '@article{k, author = {Dorigo, Marco}, journal = tec, title = {Ant colonies}, year = 2004}\n');
    const update = await updates.shift()!;
    assert.equal(update?.reloadNeeded, undefined);
    assert.deepEqual(shown(loader), ['/solo/articles.bib: Marco Dorigo · Swarm Intelligence · Ant colonies']);
  } finally {
    watching.dispose();
  }
});
