// A `#` after a space inside a quoted value of a block map is part of that value, not a comment: replacing the map
// keeps no stray `#…` line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFrontMatterKeys } from './note-front-matter';

test('a block map replaced: its comment stays, a quoted " #2" in one of its values does not become one', () => {
  assert.deepEqual(setFrontMatterKeys('---\nstatus:\n  phase: reading # since Monday\n  note: "see #2"\n---\n', { status: 'read' }), {
    text: '---\nstatus: read\n# since Monday\n---\n',
    edits: [{ start: 11, end: 61, newText: ' read\n# since Monday\n' }],
  });
});
