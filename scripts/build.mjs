// Bundles Lectern with esbuild: the extension host, its import worker, the CLI and the benchmark
// (Node, CommonJS, one file each; `vscode` stays external), the reader webview (browser, IIFE), and the extension
// for VS Code for the Web with its corpus worker (browser, `dist/web/`).
// `--watch` rebuilds on change; `--dev` skips minification; `--only-cli` rebuilds just the CLI (its tests).
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { webBundles } from './web-bundles.mjs';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev') && !watch;

/** Node bundles; `vscode` stays external for the extension host bundle. */
const nodeBundles = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.cjs' },
  { entryPoints: ['src/vscode/library/import-worker.ts'], outfile: 'dist/import-worker.cjs' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } },
  // `lectern db import` builds its COPY batches on worker threads running this (src/node/pg/copy-line-builders.ts).
  { entryPoints: ['src/node/pg/copy-lines-worker.ts'], outfile: 'dist/pg-copy-worker.cjs' },
  // better-sqlite3 (the bench's SQLite FTS5 baseline) loads a native module: it stays external.
  { entryPoints: ['bench/run-bench.ts'], outfile: 'dist/bench.cjs', external: ['vscode', 'better-sqlite3'] },
];

/** Browser bundles: the reader webview, loaded by the page from `readerHtml` (src/shared/reader-html.ts). */
const browserBundles = [{ entryPoints: ['webview/main.ts'], outfile: 'dist/webview/reader.js' }];

const browserShared = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: production,
  sourcemap: production ? 'external' : 'inline',
  logLevel: 'warning',
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? 'external' : 'inline',
  external: ['vscode'],
  // Prefer packages' ES module builds: jsonc-parser's CommonJS entry is a UMD wrapper esbuild cannot follow.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  // import.meta.url has no meaning in a CommonJS bundle; code that needs its own location uses __filename there.
  define: { 'import.meta.url': 'undefined' },
};

if (!process.argv.includes('--only-cli')) rmSync('dist', { recursive: true, force: true });
const cliFiles = ['dist/cli.cjs', 'dist/pg-copy-worker.cjs'];
const selected = process.argv.includes('--only-cli') ? nodeBundles.filter((b) => cliFiles.includes(b.outfile)) : nodeBundles;
const options = [
  ...selected.map((bundle) => ({ ...shared, ...bundle })),
  ...(process.argv.includes('--only-cli') ? [] : browserBundles.map((bundle) => ({ ...browserShared, ...bundle }))),
  ...(process.argv.includes('--only-cli') ? [] : webBundles(production)),
];
/**
 * pdf.js's worker, copied as it ships (it is already a bundle) next to the reader: the reader page starts it from
 * the extension's own files (see webview/pdf/pdf-worker.ts). The legacy build, as for the viewer: VS Code 1.100's
 * Chromium lacks APIs the modern build calls (`Map.prototype.getOrInsertComputed`, `Math.sumPrecise`).
 */
function copyPdfWorker() {
  const worker = createRequire(import.meta.url).resolve(`pdfjs-dist/legacy/build/pdf.worker${production ? '.min' : ''}.mjs`);
  mkdirSync('dist/webview', { recursive: true });
  copyFileSync(worker, 'dist/webview/pdf.worker.js');
}

if (!process.argv.includes('--only-cli')) copyPdfWorker();
if (watch) {
  for (const option of options) await (await context(option)).watch();
  console.error('Lectern: watching for changes…');
} else {
  await Promise.all(options.map((option) => build(option)));
}
