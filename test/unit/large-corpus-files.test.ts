import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryLoader } from '../../src/core/library/library-loader';
import { NodeCorpusSource } from '../../src/node/node-corpus-source';

// Files past what one string (512 MB of text) or one read (4 GB) can hold, made here: the arXiv snapshot a lab
// imports into a shared library is such a file. JSON Lines load in pieces; other formats, and files past one
// read, are refused with a message that says how to split them.

const folder = mkdtempSync(join(tmpdir(), 'lectern-large-files-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const MB = 1024 * 1024;
const LINES = 5200;
/** Each record padded with spaces (valid JSON) to about 100 kB, so the file passes 512 MB with few papers to build. */
const LINE_BYTES = 104_000;

/** Writes an arXiv snapshot of `LINES` records, over 512 MB, line by line. */
function writeLargeSnapshot(path: string): number {
  const fd = openSync(path, 'w');
  let size = 0;
  try {
    for (let i = 1; i <= LINES; i++) {
      const record = JSON.stringify({
        id: `2101.${String(i).padStart(5, '0')}`,
        title: `Paper number ${i} of a large snapshot`,
        abstract: i === LINES ? 'The last paper, past every piece boundary.' : 'An abstract.',
        authors: 'A. Author',
        categories: 'cs.LG',
        versions: [{ created: 'Mon, 4 Jan 2021 10:00:00 GMT' }],
        update_date: '2021-01-05',
      });
      const line = Buffer.from(record.padEnd(LINE_BYTES - 1, ' ') + '\n');
      writeSync(fd, line);
      size += line.length;
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

const snapshot = join(folder, 'arxiv-metadata-oai-snapshot.json');
const snapshotBytes = writeLargeSnapshot(snapshot);

test('an arXiv snapshot over 512 MB loads every paper, numbered by its line in the file', async () => {
  assert.ok(snapshotBytes > 512 * MB, `the file is ${snapshotBytes} bytes`);
  const loader = new LibraryLoader(await NodeCorpusSource.create([snapshot]), { limits: { maxFileBytes: 600 * MB } });
  const file = await loader.readFile(snapshot);
  assert.deepEqual(file.diagnostics, []);
  assert.equal(file.papers.length, LINES);
  const last = file.papers[LINES - 1];
  assert.equal(last.arxivId, `2101.${String(LINES).padStart(5, '0')}`);
  assert.equal(last.source.line, LINES);
  assert.equal(last.abstract, 'The last paper, past every piece boundary.');
});

test('a file of another format over 512 MB of text is refused with how to split it, and nothing else is lost', async () => {
  const bib = join(folder, 'library.bib');
  symlinkSync(snapshot, bib);
  const good = join(folder, 'good.jsonl');
  const fd = openSync(good, 'w');
  writeSync(fd, JSON.stringify({ title: 'A good paper beside it' }) + '\n');
  closeSync(fd);
  const loader = new LibraryLoader(await NodeCorpusSource.create([bib, good]), { limits: { maxFileBytes: 600 * MB } });
  const refused = await loader.readFile(bib);
  assert.equal(refused.papers.length, 0);
  assert.equal(refused.diagnostics.length, 1);
  assert.equal(refused.diagnostics[0].file, bib);
  assert.match(
    refused.diagnostics[0].message,
    /^Lectern: .*library\.bib is \d+ MB, more text than can be read in one piece; it was not read\. Split it/,
  );
  assert.deepEqual(
    (await loader.readFile(good)).papers.map((p) => p.title),
    ['A good paper beside it'],
  );
});

test('a file past what one read holds (4 GB) is refused from its size, however high the limit, naming how to split it', async () => {
  const huge = join(folder, 'huge.jsonl');
  closeSync(openSync(huge, 'w'));
  truncateSync(huge, 4 * 1024 * MB + 10); // sparse: no disk used, and never read
  const loader = new LibraryLoader(await NodeCorpusSource.create([huge]), { limits: { maxFileBytes: 5000 * MB } });
  const file = await loader.readFile(huge);
  assert.equal(file.papers.length, 0);
  assert.equal(file.diagnostics.length, 1);
  assert.match(
    file.diagnostics[0].message,
    /^Lectern: .*huge\.jsonl is 4,096 MB \(4,294,967,306 bytes\), more than one file Lectern can read \(4,096 MB \(4,294,967,295 bytes\)\); it was not read\. Split it into smaller files \(a JSON Lines file by lines, e\.g\. `split -l 1000000 .*huge\.jsonl part-`\)/,
  );
});
