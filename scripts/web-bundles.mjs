// The esbuild options of Lectern for VS Code for the Web (package.json `browser`): the extension and its corpus
// worker, into `dist/web/`. Shared by scripts/build.mjs and the bundle test (test/unit/web-bundle.test.ts).
import { fileURLToPath } from 'node:url';

/** A path of the repository, wherever the build runs from. */
const source = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * VS Code for the Web (package.json `browser`): the extension host is a browser worker, so no Node built-in may be
 * required. Node-only code (worker threads, reading files through Node) is reached only from `src/extension.ts`;
 * the few pure helpers shared code imports from Node (paths, a SHA-256, base64, the bundled citation style) map to
 * `src/web/node-shims/`. A Node built-in missing from this list fails the build, as it would fail at run time.
 */
const webAlias = Object.fromEntries(
  ['path', 'url', 'os', 'crypto', 'buffer', 'fs'].map((name) => [`node:${name}`, source(`src/web/node-shims/${name}.ts`)]),
);
/**
 * The options of each web bundle; `production` minifies with external source maps, as the other bundles.
 * `outdir` (default `dist/web`) lets the bundle test build into a folder of its own.
 */
export function webBundles(production, outdir = 'dist/web') {
  return [
    { entryPoints: [source('src/web/extension.ts')], outfile: `${outdir}/extension.js`, format: 'cjs' },
    { entryPoints: [source('src/web/corpus-worker.ts')], outfile: `${outdir}/corpus-worker.js`, format: 'iife' },
  ].map((bundle) => ({ ...webShared(production), ...bundle }));
}

const webShared = (production) => ({
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  minify: production,
  sourcemap: production ? 'external' : 'inline',
  external: ['vscode'],
  alias: webAlias,
  mainFields: ['browser', 'module', 'main'],
  loader: { '.csl': 'text', '.xml': 'text' },
  // A browser has no process: a note's temporary file (note-service.ts) is named by the time alone there.
  define: { 'import.meta.url': 'undefined', 'process.pid': '0' },
  logLevel: 'warning',
});
