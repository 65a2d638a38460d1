// Runs INSIDE the extension host (bundled into a suite's index.cjs by compile-suite.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type Mocha from 'mocha';
import * as mochaModule from 'mocha';
import { hostOutputMarker } from './host-output';

// mocha 12 is an ES module that re-exports its CommonJS build; `require('mocha')` (what the
// bundle does) returns that namespace, and both it and mocha's CommonJS export carry `.Mocha`.
const MochaClass = (mochaModule as unknown as { Mocha: typeof Mocha }).Mocha;

/** Prints one line of suite output with the marker the harness looks for. */
function hostLog(...args: unknown[]): void {
  console.log(`${hostOutputMarker}${format(...args)}`);
}

/**
 * Runs every `*.test.cjs` next to the compiled suite index with mocha (BDD: describe/it,
 * imported from 'mocha'); rejects when a test fails, which makes the extension host exit 1.
 * Use it from a suite's `index.ts`: `export const run = () => runMochaSuite(__dirname);`
 * Only mocha's reporter output is shown by the harness; a test's own console.log shows with E2E_VERBOSE=1.
 */
export function runMochaSuite(dir: string, options: Mocha.MochaOptions = {}): Promise<void> {
  // VS Code's extension host pins console.log (a no-op setter), so mark mocha's reporter output instead.
  MochaClass.reporters.Base.consoleLog = hostLog;
  const mocha = new MochaClass({ ui: 'bdd', color: false, timeout: 20_000, ...options });
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.test.cjs')).sort();
  for (const file of files) mocha.addFile(join(dir, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // Read by the harness (e2e-session.ts) for its closing tally.
      hostLog(`mocha: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
