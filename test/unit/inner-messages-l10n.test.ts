import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkXml } from '../../src/core/cite/xml-well-formed';
import { buildCorpus } from '../../src/core/corpus/corpus';
import { importCorpusFile } from '../../src/core/import/import-corpus-file';
import { useMessageBundle } from '../../src/core/l10n/message-bundle';
import { mergeTaxonomies } from '../../src/core/library/resolve-taxonomy';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { parseTaxonomy } from '../../src/core/topics/load-taxonomy';
import { describeConnection, libraryErrorOf } from '../../src/node/pg/pg-connection-error';
import { readRegularFile } from '../../src/node/read-regular-file';
import { fromPseudo, pseudoBundle } from '../support/pseudo-locale';
import { seedLibrary } from '../support/seed-library';
import { repoRoot } from '../support/shared-corpora';

// The words inside a message are translated too, not only its frame: a parse error's reason in an importer's
// diagnostic, a topics.json problem after "Lectern: file:line:column:", the kind of a file that is not regular, a
// shared library's connection error. In the pseudo-locale each translated piece is upper-cased inside its own ⟪ ⟫;
// arguments (names, keys, paths) keep their case.

const encode = (text: string) => new TextEncoder().encode(text);
afterEach(() => useMessageBundle(undefined));

/** `run` in English, then in the pseudo-locale: the same count and places, each message the translation of the English one. */
function inBothLocales(run: () => Diagnostic[]): Diagnostic[] {
  const english = run();
  useMessageBundle(pseudoBundle());
  const translated = run();
  useMessageBundle(undefined);
  assert.equal(translated.length, english.length);
  translated.forEach(({ message, ...where }, i) => {
    const { message: englishMessage, ...englishWhere } = english[i];
    assert.deepEqual(where, englishWhere);
    assert.equal(fromPseudo(message), englishMessage.toUpperCase());
  });
  return translated;
}

test("a BibTeX entry's parse error and a JSON file's syntax error are translated inside the importer's message", () => {
  const [bib] = inBothLocales(
    () => importCorpusFile('b.bib', encode('@article{open,\n  title = {Unclosed,\n  year = {2021}\n')).diagnostics,
  );
  assert.match(bib.message, /COULD NOT BE READ: ⟪THE `\{` THAT OPENS FIELD `title` IS NEVER CLOSED⟫; IT WAS SKIPPED/);
  const json = inBothLocales(
    () => importCorpusFile('b.json', encode('[\n  {"id": "a", "title": "A"}\n  {"id": "b", "title": "B"}\n]\n')).diagnostics,
  );
  assert.match(json[0].message, /AT LINE 3, COLUMN 3: ⟪EXPECTED `,` OR `\]` AFTER AN ARRAY ITEM, FOUND `\{`⟫; ⟪THE ITEM THERE/);
});

test("a CSL style's XML error is translated", () => {
  const english = checkXml('<style>\n  <info>\n</style>').error!;
  useMessageBundle(pseudoBundle());
  assert.deepEqual(checkXml('<style>\n  <info>\n</style>').error, {
    ...english,
    reason: '⟪`</style>` CLOSES `<info>` (OPENED AT LINE 2)⟫',
  });
});

test('topics.json problems are translated: a topic, a curation step, a step that finds nothing, the JSON syntax', () => {
  const file = '/w/.lectern/topics.json';
  const text =
    '{\n  "topics": { "Graphs": { "terms": { "graph": 2 }, "colour": 1 } },\n  "curation": [ { "hide": "Nope" }, { "rename": "Graphs" } ]\n}\n';
  const read = inBothLocales(() => parseTaxonomy(file, text).diagnostics);
  assert.deepEqual(
    read.map((d) => d.message),
    [
      `⟪LECTERN: ${file}:2:52: ⟪UNKNOWN PROPERTY "colour" IN TOPIC "Graphs" IS IGNORED; A TOPIC KNOWS "TERMS", "EXCLUDE" AND "MINSCORE".⟫⟫`,
      `⟪LECTERN: ${file}:3:37: ⟪A "rename" STEP NEEDS "to", E.G. { "rename": "Old Name", "to": "New Name" }; IT IS SKIPPED.⟫⟫`,
    ],
  );
  const bundled = parseTaxonomy('corpus/topics.json', readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8')).taxonomy!;
  const applied = inBothLocales(() => {
    const taxonomy = mergeTaxonomies(bundled, parseTaxonomy(file, text).taxonomy!);
    return buildCorpus(seedLibrary().corpus.files, { taxonomy }).diagnostics.filter((d) => d.file === file);
  });
  assert.deepEqual(
    applied.map((d) => d.message),
    [`⟪LECTERN: ${file}:3:17: ⟪THERE IS NO TOPIC "Nope" IN THE TREE NOW, SO THIS "hide" STEP CHANGES NOTHING.⟫⟫`],
  );
  const [syntax] = inBothLocales(() => parseTaxonomy(file, '{ "topics": { "A": { "terms": { "x": 1 } } } x').diagnostics);
  assert.match(syntax.message, /NOT VALID JSON: ⟪A BARE WORD IS NOT A JSON VALUE; PUT TEXT IN DOUBLE QUOTES⟫\. THE REST/);
});

test("a file that is not regular is refused in the reader's language, its kind translated", async () => {
  const folder = mkdtempSync(join(tmpdir(), 'lectern-kind-'));
  useMessageBundle(pseudoBundle());
  await assert.rejects(readRegularFile(folder), (error: Error) => {
    assert.match(error.message, /^⟪LECTERN: .* IS NOT A REGULAR FILE \(IT IS ⟪A FOLDER⟫\); IT WAS NOT READ\./);
    assert.ok(error.message.includes(folder), 'the path keeps its case');
    return true;
  });
});

test("a shared library's connection errors are translated, with the server named and no password", () => {
  const where = describeConnection('postgresql://ada:s3cret@db.example:5433/papers');
  const english = libraryErrorOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), where);
  useMessageBundle(pseudoBundle());
  const refused = libraryErrorOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), where);
  assert.equal(refused.fault, english.fault);
  assert.equal(
    refused.message,
    '⟪LECTERN: CANNOT REACH ada@db.example:5433/papers (ECONNREFUSED). CHECK THAT THE SERVER IS RUNNING AND THE HOST AND PORT ARE RIGHT, THEN TRY AGAIN.⟫',
  );
  assert.equal(fromPseudo(refused.message), english.message.toUpperCase());
  assert.ok(!refused.message.includes('s3cret'));
  assert.match(libraryErrorOf({ code: '28P01' }, where).message, /^⟪LECTERN: THE SERVER REFUSED THE CREDENTIALS FOR ada@db\.example/);
  assert.equal(describeConnection('not a url'), '⟪THE SHARED LIBRARY⟫', 'a connection string that cannot be shown is named in words');
});
