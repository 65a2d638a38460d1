import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from '../import/bibtex-importer';
import { PaperLibrary } from '../library/paper-library';
import { libraryNoteResolver } from './library-note-resolver';
import { noteClaims, normalizeDoi, resolveClaims } from './note-claims';
import { NoteIndex } from './note-index';
import { parseNote } from './note-front-matter';

// A user's library as Zotero + Better BibTeX exports it (two records with a DOI, one without).
const BIB = `@article{curtis-jackson_characterisation_2009,
  title = {Characterisation of low molecular weight dissolved organic nitrogen},
  author = {Curtis-Jackson, Philippa K. and Massé, Guillaume},
  journal = {Limnology and Oceanography: Methods},
  year = {2009},
}

@article{dandrilli_comprehensive_2010,
  title = {Comprehensive characterization of marine dissolved organic matter},
  author = {D'Andrilli, Juliana and Dittmar, Thorsten},
  doi = {10.1002/rcm.4421},
  year = {2010},
}

@article{hertkorn_high-precision_2013,
  title = {High-precision frequency measurements: indispensable tools at the core of the molecular-level analysis},
  author = {Hertkorn, N. and Harir, M.},
  doi = {10.5194/bg-10-1583-2013},
  year = {2013},
}
`;

const library = PaperLibrary.open([{ path: '/ws/library.bib', fingerprint: 'bib', ...importBibtex('/ws/library.bib', BIB) }]);
const idOf = (key: string) => library.resolve(key)!.id;

// Obsidian Zotero Integration's literature-note template: `@citekey.md`, `citekey:` front matter.
const OBSIDIAN = `---
title: "Characterisation of low molecular weight dissolved organic nitrogen"
authors: Philippa K. Curtis-Jackson, Guillaume Massé
year: 2009
citekey: curtis-jackson_characterisation_2009
tags: [literature-note, nitrogen]
---

# Characterisation of low molecular weight dissolved organic nitrogen

> [!Cite]
> Curtis-Jackson, P. K., & Massé, G. (2009). Limnology and Oceanography: Methods.

## Notes
LC-ESI-MS works for DON, see also [[@dandrilli_comprehensive_2010]].
`;

// Foam's citation notes: `citekey.md`, no front matter, links to other notes by wikilink.
const FOAM = `# Comprehensive characterization of marine DOM

FT-ICR MS with ESI and APPI. Related: [[curtis-jackson_characterisation_2009]], [[reading-list]].
`;

// Zotero Better Notes' markdown export: DOI as a URL, Zotero's own keys beside it.
const BETTER_NOTES = `---
$version: 4
$libraryID: 1
$itemKey: 8XQ2M4ZP
title: High-precision frequency measurements
doi: "https://doi.org/10.5194/BG-10-1583-2013"
---
# High-precision frequency measurements

Useful for the Orbitrap section.
`;

function notes(resolver = libraryNoteResolver(library)) {
  return new NoteIndex(
    [
      { path: '/ws/papers/notes/@curtis-jackson_characterisation_2009.md', text: OBSIDIAN, mtime: 3 },
      { path: '/ws/papers/notes/dandrilli_comprehensive_2010.md', text: FOAM, mtime: 2 },
      { path: '/ws/papers/notes/Zotero/hertkorn.md', text: BETTER_NOTES, mtime: 1 },
    ],
    resolver,
  );
}

describe('existing notes count', () => {
  test('Obsidian (citekey: + @key.md), Foam (key.md) and Better Notes (doi:) notes belong to their papers', () => {
    const index = notes();
    const obsidian = index.noteFor(idOf('curtis-jackson_characterisation_2009'))!;
    assert.equal(obsidian.path, '/ws/papers/notes/@curtis-jackson_characterisation_2009.md');
    assert.equal(obsidian.claim, 'citekey');
    assert.equal(obsidian.paperLine, 5, 'the citekey: line');
    assert.deepEqual(obsidian.tags, ['literature-note', 'nitrogen']);
    const foam = index.noteFor(idOf('dandrilli_comprehensive_2010'))!;
    assert.equal(foam.path, '/ws/papers/notes/dandrilli_comprehensive_2010.md');
    assert.equal(foam.claim, 'file-name');
    const betterNotes = index.noteFor(idOf('hertkorn_high-precision_2013'))!;
    assert.equal(betterNotes.path, '/ws/papers/notes/Zotero/hertkorn.md');
    assert.equal(betterNotes.claim, 'doi');
    assert.equal(betterNotes.paperLine, 6);
    assert.deepEqual(index.papers(), [...library.papers.map((p) => p.id)].sort());
    assert.deepEqual(index.diagnostics(), []);
  });

  test('citekey links count as backlinks of the paper they name', () => {
    const index = notes();
    const dandrilli = idOf('dandrilli_comprehensive_2010');
    const curtis = idOf('curtis-jackson_characterisation_2009');
    // Obsidian links the `@citekey.md` note as `[[@dandrilli…]]`; Foam as `[[curtis…]]`.
    assert.deepEqual(
      index.backlinks(curtis).map((b) => [b.note.path, b.references.map((r) => r.id)]),
      [['/ws/papers/notes/dandrilli_comprehensive_2010.md', ['curtis-jackson_characterisation_2009']]],
    );
    assert.deepEqual(
      index.backlinks(dandrilli).map((b) => [b.note.path, b.references.map((r) => r.id)]),
      [['/ws/papers/notes/@curtis-jackson_characterisation_2009.md', ['dandrilli_comprehensive_2010']]],
    );
  });

  test('without a library only paper: counts; setResolver links the others when it loads', () => {
    const index = new NoteIndex([{ path: '/ws/papers/notes/@curtis-jackson_characterisation_2009.md', text: OBSIDIAN, mtime: 3 }]);
    assert.deepEqual(index.papers(), []);
    index.setResolver(libraryNoteResolver(library));
    assert.deepEqual(index.papers(), [idOf('curtis-jackson_characterisation_2009')]);
    index.setResolver(undefined);
    assert.deepEqual(index.papers(), []);
  });

  test('precedence: paper:, then citekey:, then doi:, then the file name; a conflict is warned in every note', () => {
    const hertkorn = idOf('hertkorn_high-precision_2013');
    const lectern = `---\npaper: ${hertkorn}\nstatus: reading\n---\n# My Lectern note\n`;
    const obsidian = OBSIDIAN.replace('citekey: curtis-jackson_characterisation_2009', 'citekey: hertkorn_high-precision_2013');
    const index = new NoteIndex(
      [
        { path: '/ws/papers/notes/Zotero/hertkorn.md', text: BETTER_NOTES, mtime: 1 },
        { path: '/ws/papers/notes/hertkorn_high-precision_2013.md', text: '# Just a file\n', mtime: 2 },
        { path: '/ws/papers/notes/@hertkorn_high-precision_2013.md', text: obsidian, mtime: 3 },
        { path: `/ws/papers/notes/${hertkorn}.md`, text: lectern, mtime: 4 },
      ],
      libraryNoteResolver(library),
    );
    assert.deepEqual(
      index.notesFor(hertkorn).map((n) => [n.path, n.claim]),
      [
        [`/ws/papers/notes/${hertkorn}.md`, 'paper'],
        ['/ws/papers/notes/@hertkorn_high-precision_2013.md', 'citekey'],
        ['/ws/papers/notes/Zotero/hertkorn.md', 'doi'],
        ['/ws/papers/notes/hertkorn_high-precision_2013.md', 'file-name'],
      ],
    );
    assert.equal(index.annotationsFor(hertkorn)?.status, 'reading');
    const warnings = index.diagnostics();
    assert.equal(warnings.length, 4);
    const fromObsidian = warnings.find((d) => d.path.includes('@hertkorn'))!;
    assert.equal(fromObsidian.line, 5);
    assert.match(
      fromObsidian.message,
      /^Lectern: this note \(by `citekey: hertkorn_high-precision_2013`\) and .* are all notes of the paper/,
    );
    assert.ok(fromObsidian.message.includes(`Lectern opens \`/ws/papers/notes/${hertkorn}.md\``));
  });

  test('one note saying several things: its paper: wins; a paper: naming no paper yields to a citekey that resolves', () => {
    const resolver = libraryNoteResolver(library);
    const hertkorn = idOf('hertkorn_high-precision_2013');
    const mixed = noteClaims('/ws/n/@dandrilli_comprehensive_2010.md', {
      tags: [],
      paper: hertkorn,
      'Citation-Key': '@curtis-jackson_characterisation_2009',
      DOI: 'doi:10.1002/RCM.4421',
    });
    assert.deepEqual(mixed, {
      paper: hertkorn,
      citeKey: 'curtis-jackson_characterisation_2009',
      doi: '10.1002/rcm.4421',
      fileName: 'dandrilli_comprehensive_2010',
    });
    assert.deepEqual(resolveClaims(mixed, resolver), { paper: hertkorn, kind: 'paper' });
    assert.deepEqual(resolveClaims({ ...mixed, paper: 'gone' }, resolver), {
      paper: idOf('curtis-jackson_characterisation_2009'),
      kind: 'citekey',
    });
    assert.deepEqual(resolveClaims({ paper: 'gone', citeKey: 'unknown' }, resolver), { paper: 'gone', kind: 'paper' });
    assert.equal(resolveClaims({ citeKey: 'unknown', fileName: 'README' }, resolver), undefined);
    assert.equal(normalizeDoi(' https://dx.doi.org/10.1000/ABC '), '10.1000/abc');
  });

  test('reading an existing note never changes it: the index keeps no text, parseNote reads every key as written', () => {
    const index = notes();
    const before = OBSIDIAN;
    index.update('/ws/papers/notes/@curtis-jackson_characterisation_2009.md', OBSIDIAN, 4);
    assert.equal(OBSIDIAN, before);
    assert.equal(parseNote(OBSIDIAN).frontMatter.citekey, 'curtis-jackson_characterisation_2009');
    assert.equal(parseNote(OBSIDIAN).frontMatter.authors, 'Philippa K. Curtis-Jackson, Guillaume Massé');
  });
});
