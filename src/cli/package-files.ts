import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file that ships with Lectern, by its path in the package (`corpus/daily-papers.txt`), or undefined.
 * The CLI runs as a bundle in `dist/` (of the clone, or of a package installed with `npm install -g`) and
 * as TypeScript in `src/cli/`, so the package root is found by walking up from this file.
 */
export function locatePackageFile(relative: string): string | undefined {
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** The `corpus/` folder that ships with Lectern (the sample and its topics.json). */
export function locateBundledCorpus(): string | undefined {
  const seed = locatePackageFile(join('corpus', 'daily-papers.txt'));
  return seed && dirname(seed);
}

/** `media/csl/` of the installed Lectern: the bundled APA style and en-US locale. */
export function locateBundledStyles(): string | undefined {
  const style = locatePackageFile(join('media', 'csl', 'apa.csl'));
  return style && dirname(style);
}

/** The version in Lectern's package.json (`lectern --version`), or "unknown" when it cannot be read. */
export function cliVersion(): string {
  const manifest = locatePackageFile('package.json');
  try {
    const parsed = JSON.parse(readFileSync(manifest ?? '', 'utf8')) as { name?: unknown; version?: unknown };
    if (parsed.name === 'lectern' && typeof parsed.version === 'string') return parsed.version;
  } catch {
    // fall through: a broken install still answers --version
  }
  return 'unknown';
}

/**
 * This build of Lectern: its version and the running bundle's size and time, so that a cache written by another
 * build (an upgrade, or a rebuild of a clone) is not taken for this one's: its papers, topics and index come from
 * that build's importers and topic code.
 */
export function cliBuild(): string {
  const self = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  try {
    const stats = statSync(self);
    return `${cliVersion()}+${stats.size}.${stats.mtimeMs}`;
  } catch {
    return cliVersion();
  }
}
