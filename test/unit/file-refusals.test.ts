import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusFileRefusal } from '../../src/core/library/corpus-file-refusal';
import { LibraryLoader } from '../../src/core/library/library-loader';
import { MemoryCorpusSource } from '../../src/core/library/memory-corpus-source';
import { NodeCorpusSource } from '../../src/node/node-corpus-source';
import { readRegularFile } from '../../src/node/read-regular-file';

// Hostile corpus files made here: a named pipe (reading one blocks until a writer comes), /dev/zero (never
// ends), a 2 GB sparse file (no disk used) and files over a small limit. Each must be refused from its
// metadata, before any read, with a located diagnostic, and the good files beside them must still load.

const folder = mkdtempSync(join(tmpdir(), 'lectern-refusals-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const GOOD = '@article{good, title = {A Good Paper}, year = {2024}}\n';
const MB = 1024 * 1024;

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
  pipes.push(path);
}

/** Every pipe made here, so that a read blocked on one can be released. */
const pipes: string[] = [];

/**
 * `promise`, or a failure after `ms`: a read that blocks on a pipe must fail the test, not hang it (nor the
 * test process, so the pipes are then opened for writing and closed, which ends a blocked open or read).
 */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      for (const pipe of pipes) {
        try {
          closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          // no reader is waiting on this one
        }
      }
      reject(new Error(`still waiting after ${ms} ms: the read blocked`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function refusal(path: string, maxBytes?: number): Promise<CorpusFileRefusal> {
  const source = await NodeCorpusSource.create([path]);
  const error: unknown = await within(source.readFile(path, { maxBytes })).then(
    () => assert.fail(`${path} was read`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CorpusFileRefusal, `expected a refusal, got ${String(error)}`);
  return error;
}

test('a named pipe is refused by the Node source at once, without being opened', async () => {
  const pipe = join(folder, 'pipe.bib');
  mkfifo(pipe);
  const error = await refusal(pipe);
  assert.equal(error.reason, 'not-regular');
  assert.equal(
    error.message,
    `Lectern: ${pipe} is not a regular file (it is a named pipe); it was not read. Lectern reads only regular files: remove it from the corpus or replace it with a file.`,
  );
});

test('/dev/zero (a character device) is refused, also through a symbolic link named like a corpus file', async (t) => {
  if (!existsSync('/dev/zero')) return t.skip('no /dev/zero on this system');
  assert.match((await refusal('/dev/zero')).message, /^Lectern: \/dev\/zero is not a regular file \(it is a character device\)/);
  const link = join(folder, 'zero-link.bib');
  symlinkSync('/dev/zero', link);
  assert.match((await refusal(link)).message, /is not a regular file \(it is a character device\)/);
});

test('a 2 GB sparse file is refused from its size, naming the size, the limit and the setting', async () => {
  const sparse = join(folder, 'sparse.bib');
  writeFileSync(sparse, '');
  truncateSync(sparse, 2 * 1024 * MB);
  const started = performance.now();
  const error = await refusal(sparse);
  assert.ok(performance.now() - started < 2000, 'refused without reading 2 GB');
  assert.equal(error.reason, 'too-large');
  assert.equal(
    error.message,
    `Lectern: ${sparse} is 2,048 MB (2,147,483,648 bytes), over the 100 MB (104,857,600 bytes) limit for one corpus file; it was not read. Split it into smaller files, or raise the limit (setting \`lectern.import.maxFileSizeMB\`, or \`--max-file-size MB\` for the CLI).`,
  );
});

test('a file over a small configured limit is refused; one at the limit is read', async () => {
  const path = join(folder, 'limit.bib');
  writeFileSync(path, 'x'.repeat(1025));
  assert.match((await refusal(path, 1024)).message, /is 1,025 bytes, over the 1,024 bytes limit/);
  assert.equal((await readRegularFile(path, { maxBytes: 1025 })).length, 1025);
});

test('a read stops at the limit + 1 byte even when the file is larger than its stat size said', async (t) => {
  // /proc files report size 0 but have content: the case of a file that grew between stat and read.
  const status = '/proc/self/status';
  if (!existsSync(status)) return t.skip('no /proc on this system');
  const error: unknown = await readRegularFile(status, { maxBytes: 100 }).catch((e: unknown) => e);
  assert.ok(error instanceof CorpusFileRefusal);
  assert.match(error.message, /^Lectern: \/proc\/self\/status grew past the 100 bytes limit/);
  assert.match(new TextDecoder().decode(await readRegularFile(status)), /^Name:/m);
});

test('a library with hostile files next to good ones: the good papers load, each hostile file has one located error', async () => {
  const library = mkdtempSync(join(folder, 'library-'));
  writeFileSync(join(library, 'good.bib'), GOOD);
  writeFileSync(join(library, 'also-good.bib'), '@article{second, title = {Another Good Paper}}\n');
  mkfifo(join(library, 'pipe.bib'));
  writeFileSync(join(library, 'huge.bib'), '');
  truncateSync(join(library, 'huge.bib'), 2 * 1024 * MB);
  writeFileSync(join(library, 'big.bib'), `${GOOD}%${'x'.repeat(2 * MB)}\n`);
  const loader = new LibraryLoader(await NodeCorpusSource.create([library]), { limits: { maxFileBytes: MB } });
  const { library: loaded } = await within(loader.load());
  assert.deepEqual(loaded.papers.map((paper) => paper.title).sort(), ['A Good Paper', 'Another Good Paper']);
  const errors = loaded.corpus.diagnostics.map((d) => `${d.file.slice(library.length + 1)}:${d.line}:${d.column} ${d.severity}`);
  assert.deepEqual(errors.sort(), ['big.bib:1:1 error', 'huge.bib:1:1 error', 'pipe.bib:1:1 error']);
  const messages = loaded.corpus.diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /big\.bib is 2 MB \(2,097,\d{3} bytes\), over the 1 MB \(1,048,576 bytes\) limit/);
  assert.match(messages, /huge\.bib is 2,048 MB/);
  assert.match(messages, /pipe\.bib is not a regular file \(it is a named pipe\)/);
});

test('the watcher path: a hostile file added or a file grown past the limit is reported and skipped, the rest stays', async () => {
  const library = mkdtempSync(join(folder, 'watched-'));
  writeFileSync(join(library, 'good.bib'), GOOD);
  writeFileSync(join(library, 'other.bib'), '@article{other, title = {Other Paper}}\n');
  const loader = new LibraryLoader(await NodeCorpusSource.create([library]), { limits: { maxFileBytes: MB } });
  const { library: loaded } = await loader.load();
  assert.equal(loaded.papers.length, 2);

  const pipe = join(library, 'added.bib');
  mkfifo(pipe);
  const added = await within(loader.applyChange({ path: pipe, kind: 'changed' }));
  assert.match(added?.diagnostics[0]?.message ?? '', /added\.bib is not a regular file \(it is a named pipe\)/);
  assert.equal(loaded.papers.length, 2);

  const other = join(library, 'other.bib');
  writeFileSync(other, `%${'x'.repeat(MB)}\n`);
  const grown = await loader.applyChange({ path: other, kind: 'changed' });
  assert.match(grown?.diagnostics[0]?.message ?? '', /other\.bib is 1 MB \(1,048,578 bytes\), over the 1 MB \(1,048,576 bytes\) limit/);
  assert.deepEqual(
    loaded.papers.map((paper) => paper.title),
    ['A Good Paper'],
  );
});

test('the loader passes its limits to every import and to the source', async () => {
  const two = '@article{a, title = {First}}\n@article{b, title = {Second}}\n';
  const source = new MemoryCorpusSource({ '/w/two.bib': two, '/w/big.bib': 'x'.repeat(200) }, ['/w']);
  const seen: unknown[] = [];
  const loader = new LibraryLoader(source, {
    limits: { maxFileBytes: 100, maxRecords: 1 },
    importFile: async (path, bytes, options) => {
      seen.push(options.limits);
      const { importCorpusFile } = await import('../../src/core/import/import-corpus-file');
      return importCorpusFile(path, bytes, options);
    },
  });
  const { library } = await loader.load();
  assert.deepEqual(
    library.papers.map((paper) => paper.title),
    ['First'],
  );
  assert.equal(seen.length, 1, 'the over-size file never reached the importer');
  assert.deepEqual(seen[0], {
    maxFileBytes: 100,
    maxRecords: 1,
    maxFieldChars: 1024 * 1024,
    maxMacroChars: 1024 * 1024,
    maxMacroDepth: 32,
  });
  assert.match(library.corpus.diagnostics.map((d) => d.message).join('\n'), /\/w\/big\.bib is 200 bytes, over the 100 bytes limit/);
});

test('a named pipe where a folder keeps its .lectern/topics.json is reported, and the papers still load', async () => {
  const library = mkdtempSync(join(folder, 'taxonomy-'));
  writeFileSync(join(library, 'good.bib'), GOOD);
  mkdirSync(join(library, '.lectern'));
  mkfifo(join(library, '.lectern', 'topics.json'));
  const loaded = await within(new LibraryLoader(await NodeCorpusSource.create([library])).load());
  assert.deepEqual(
    loaded.library.papers.map((paper) => paper.title),
    ['A Good Paper'],
  );
  assert.match(loaded.taxonomy.files[0]?.diagnostics[0]?.message ?? '', /topics\.json is not a regular file \(it is a named pipe\)/);
});
