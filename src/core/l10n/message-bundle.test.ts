import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { importCorpusFile } from '../import/import-corpus-file';
import { parseNote } from '../notes/note-front-matter';
import { fromPseudo, pseudoBundle } from '../../../test/support/pseudo-locale';
import { messageBundle, useMessageBundle } from './message-bundle';

// Core's messages are translated wherever core runs, with no `vscode`: a bundle in the format of
// l10n/bundle.l10n.<locale>.json, set with useMessageBundle, changes what importers and note readers say.

const encode = (text: string) => new TextEncoder().encode(text);
const broken = encode(
  '@article{notitle,\n  author = {Lee, Ada},\n  year = {2020}\n}\n\n@article{good, title = {Fine}, note = {x}, year = }\n\n@article{open,\n  title = {Unclosed,\n  year = {2021}\n',
);

afterEach(() => useMessageBundle(undefined));

test("a real importer's diagnostics for a broken file come out translated, with their file, lines and values", () => {
  const english = importCorpusFile('refs/broken.bib', broken).diagnostics;
  assert.ok(english.length >= 3, 'the file has several problems');
  useMessageBundle(pseudoBundle());
  const translated = importCorpusFile('refs/broken.bib', broken).diagnostics;
  assert.equal(translated.length, english.length);
  translated.forEach((diagnostic, i) => {
    const { message, ...where } = diagnostic;
    const { message: englishMessage, ...englishWhere } = english[i];
    assert.deepEqual(where, englishWhere, 'file, line, column and severity do not change');
    assert.match(message, /^⟪LECTERN: /, 'the message is the translation');
    assert.equal(fromPseudo(message), englishMessage.toUpperCase(), 'every argument is in the translation');
  });
  const noTitle = translated.find((d) => d.line === 1)!;
  assert.equal(
    noTitle.message,
    '⟪LECTERN: ⟪ENTRY `notitle`⟫ (LINE 1) HAS NO TITLE; IT WAS SKIPPED. ADD A `TITLE` FIELD SO IT CAN BE LISTED.⟫',
  );
});

test("a note's front-matter problems come out translated too", () => {
  const note = '---\npaper: Not An Id!\ntags: {a: 1}\n---\n# Body\n';
  const english = parseNote(note).problems;
  useMessageBundle(pseudoBundle());
  const translated = parseNote(note).problems;
  assert.equal(translated.length, english.length);
  assert.ok(translated.length > 0);
  translated.forEach((problem, i) => {
    assert.equal(problem.line, english[i].line);
    assert.match(problem.message, /^⟪LECTERN: /);
    assert.equal(fromPseudo(problem.message), english[i].message.toUpperCase());
  });
});

test('without a bundle, or for a message the bundle lacks, the message is English; the bundle in use is reported', () => {
  const english = importCorpusFile('x.bib', broken).diagnostics;
  useMessageBundle({ 'some other message': 'ein anderer Text' });
  assert.deepEqual(importCorpusFile('x.bib', broken).diagnostics, english);
  assert.deepEqual(messageBundle(), { 'some other message': 'ein anderer Text' });
  useMessageBundle(undefined);
  assert.equal(messageBundle(), undefined);
  assert.deepEqual(importCorpusFile('x.bib', broken).diagnostics, english);
});
