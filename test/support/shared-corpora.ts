import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { skipUnlessCi } from './missing-prerequisite';

/** The repository root, wherever the clone lives. */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The real third-party exports in `../shared/corpora` (never copied into the repo: most carry no licence).
 * Returns the path of one file, or a skip reason that names what is missing, for `test(name, { skip })`;
 * under `CI=true` a missing file throws instead, so the run fails rather than going green untested.
 */
export function sharedCorpus(fileName: string): { path: string; skip: false } | { path: string; skip: string } {
  const dir = process.env.LECTERN_SHARED_CORPORA ?? join(repoRoot, '..', 'shared', 'corpora');
  const path = join(dir, fileName);
  const skip = skipUnlessCi(existsSync(path) ? undefined : `shared corpus ${path} is absent (set LECTERN_SHARED_CORPORA to its folder)`);
  return skip === undefined ? { path, skip: false } : { path, skip };
}

/** The bundled seed corpus. */
export const seedCorpusPath = join(repoRoot, 'corpus', 'daily-papers.txt');
