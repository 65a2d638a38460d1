import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Compiles an extension-host mocha suite written in TypeScript to CommonJS, which is what
 * VS Code 1.100's extension host loads: `index.ts` plus every `*.test.ts` under `suiteDir`,
 * each bundled on its own (`vscode` and `mocha` stay external: the host provides `vscode`,
 * `mocha` resolves from the repository's node_modules). `only`: just the test files whose name
 * contains it (`E2E_SUITE`, for debugging one file). Returns the absolute path of `index.cjs`.
 */
export async function compileSuite(suiteDir: string, outDir: string, only?: string): Promise<string> {
  const entryPoints = (readdirSync(suiteDir, { recursive: true }) as string[])
    .filter((file) => file === 'index.ts' || (file.endsWith('.test.ts') && (!only || file.includes(only))))
    .map((file) => join(suiteDir, file));
  await build({
    entryPoints,
    outdir: outDir,
    outbase: suiteDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', 'mocha'],
    // As scripts/build.mjs: jsonc-parser's CommonJS entry is a UMD wrapper esbuild cannot follow (suites that read corpora).
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outDir, 'index.cjs');
}
