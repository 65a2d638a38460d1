import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCurationEntry, curationEntries, removeCurationEntries, type CurationEditResult } from './edit-curation';
import { parseTaxonomy } from './load-taxonomy';

function text(result: CurationEditResult): string {
  assert.ok(!('error' in result), JSON.stringify(result));
  return result.text;
}

test('a new topics file is commented, valid for the taxonomy reader, and holds the one step', () => {
  const created = text(addCurationEntry(undefined, { rename: 'Shot Learning', to: 'Few-Shot Learning' }));
  assert.match(created, /^\/\/ Lectern topics for this folder/);
  assert.ok(created.includes('\n    { "rename": "Shot Learning", "to": "Few-Shot Learning" },\n'));
  const { taxonomy, diagnostics } = parseTaxonomy('t.json', created);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(taxonomy?.topics, []);
  assert.deepEqual(
    taxonomy?.curation?.map((s) => [s.kind, s.at.line]),
    [['rename', 8]],
  );
});

test('a taxonomy without "curation" gets the list after its last property: that line gains a comma, the rest is new lines', () => {
  const before = [
    '// my taxonomy',
    '{',
    '  "minScore": 2, // low',
    '  "topics": {',
    '    "A": { "terms": { "x": 1 } }',
    '  }',
    '}',
    '',
  ].join('\n');
  const after = text(addCurationEntry(before, { hide: 'A' }));
  const lines = after.split('\n');
  assert.deepEqual(lines.slice(0, 5), before.split('\n').slice(0, 5));
  assert.equal(lines[5], '  },');
  assert.match(lines[6], /^ {2}\/\/ Your changes to the Papers tree/);
  assert.deepEqual(lines.slice(7), ['  "curation": [', '    { "hide": "A" },', '  ]', '}', '']);
  assert.equal(parseTaxonomy('t.json', after).taxonomy?.curation?.[0].kind, 'hide');
});

test("appending to a list: one new line with the list's indentation; a last item without a comma gets one; tabs and CRLF kept", () => {
  const noComma = '{\n\t"curation": [\n\t\t{ "hide": "A" }\n\t]\n}\n';
  assert.equal(text(addCurationEntry(noComma, { hide: 'B' })), '{\n\t"curation": [\n\t\t{ "hide": "A" },\n\t\t{ "hide": "B" },\n\t]\n}\n');
  const crlf = '{\r\n  "curation": [\r\n    { "hide": "A" },\r\n  ]\r\n}\r\n';
  assert.equal(
    text(addCurationEntry(crlf, { hide: 'B' })),
    '{\r\n  "curation": [\r\n    { "hide": "A" },\r\n    { "hide": "B" },\r\n  ]\r\n}\r\n',
  );
  const empty = '{ "topics": {}, "curation": [] }';
  const opened = text(addCurationEntry(empty, { pin: 'p1', to: 'T' }));
  assert.deepEqual(curationEntries(opened), [{ pin: 'p1', to: 'T' }]);
  const inline = '{ "curation": [{ "hide": "A" }] }';
  assert.deepEqual(curationEntries(text(addCurationEntry(inline, { hide: 'B' }))), [{ hide: 'A' }, { hide: 'B' }]);
});

test('a file that does not parse, or whose "curation" is no list, is not edited: the error says where', () => {
  const broken = addCurationEntry('{\n  "topics": {\n  "curation": []\n}', { hide: 'A' });
  assert.ok('error' in broken);
  assert.match(broken.error, /does not parse \(line \d+, column \d+\)/);
  const notAList = addCurationEntry('{ "curation": {} }', { hide: 'A' });
  assert.ok('error' in notAList && /not a list/.test(notAList.error));
});

test('removing steps deletes their lines only (and a step sharing a line, just itself)', () => {
  const before = '{\n  "curation": [\n    { "hide": "A" },\n    { "rename": "B", "to": "C" },\n    { "hide": "D" }\n  ]\n}\n';
  const after = text(removeCurationEntries(before, (entry) => typeof entry === 'object' && entry !== null && 'hide' in entry));
  assert.equal(after, '{\n  "curation": [\n    { "rename": "B", "to": "C" },\n  ]\n}\n');
  const shared = text(
    removeCurationEntries('{ "curation": [{ "hide": "A" }, { "hide": "B" }] }', (entry) => (entry as { hide?: string }).hide === 'A'),
  );
  assert.deepEqual(curationEntries(shared), [{ hide: 'B' }]);
});
