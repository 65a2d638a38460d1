import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `corpus/` folder that ships with Lectern. The CLI runs as a bundle in `dist/` and as
 * TypeScript in `src/cli/`, so walk up from this file until the folder is found.
 */
export function locateBundledCorpus(): string | undefined {
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, 'corpus');
    if (existsSync(join(candidate, 'daily-papers.txt'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}
