// Preloaded by every unit test run (scripts/run-unit-tests.mjs, stryker.config.json): makes the bundled
// APA 7th style the active citation style, as the extension and the CLI do at start-up. Plain .mjs,
// because worker threads started by tests inherit this flag without tsx's loader; they format no citations.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('./bundled-citation-style.ts');
