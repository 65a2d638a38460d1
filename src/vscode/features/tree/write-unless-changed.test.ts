import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCurationEntry } from '../../../core/topics/edit-curation';
import { writeUnlessChanged, type TextFileAccess } from './write-unless-changed';

/** A file in memory; `onRead` runs after each read (another program editing it meanwhile). */
function memoryFile(text: string | undefined, onRead: (reads: number) => string | undefined = () => undefined) {
  let content = text;
  let reads = 0;
  const writes: string[] = [];
  const access: TextFileAccess = {
    read: () => {
      const now = content;
      reads += 1;
      content = onRead(reads) ?? content;
      return Promise.resolve(now);
    },
    write: (next) => {
      writes.push(next);
      content = next;
      return Promise.resolve();
    },
  };
  return { access, writes, content: () => content };
}

const START = '{\n  "curation": [\n    { "hide": "A" },\n  ]\n}\n';
const THEIRS = '{\n  // someone else\'s comment\n  "curation": [\n    { "hide": "A" },\n    { "hide": "B" },\n  ]\n}\n';

test('a file changed between planning and writing is read again and the edit planned on it: nothing is clobbered', async () => {
  // Another program writes THEIRS right after Lectern's first read.
  const file = memoryFile(START, (reads) => (reads === 1 ? THEIRS : undefined));
  const outcome = await writeUnlessChanged(file.access, (text) => addCurationEntry(text, { hide: 'C' }));
  assert.equal(outcome.kind, 'written');
  assert.equal(file.writes.length, 1);
  assert.equal(file.content(), THEIRS.replace('    { "hide": "B" },\n', '    { "hide": "B" },\n    { "hide": "C" },\n'));
});

test('an unchanged file is written once; a file that never stops changing, or cannot be edited, is left alone', async () => {
  const calm = memoryFile(START);
  const written = await writeUnlessChanged(calm.access, (text) => addCurationEntry(text, { hide: 'C' }));
  assert.deepEqual(written, { kind: 'written', before: START, after: calm.content() });
  const busy = memoryFile(START, (reads) => `${START}// ${reads}\n`);
  assert.equal((await writeUnlessChanged(busy.access, (text) => addCurationEntry(text, { hide: 'C' }))).kind, 'refused');
  assert.deepEqual(busy.writes, []);
  const broken = memoryFile('{ "curation": [ }');
  const refused = await writeUnlessChanged(broken.access, (text) => addCurationEntry(text, { hide: 'C' }));
  assert.ok(refused.kind === 'refused' && /does not parse/.test(refused.reason));
  assert.deepEqual(broken.writes, []);
});
