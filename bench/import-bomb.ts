/**
 * Peak memory while importing hostile BibTeX: the macro bomb (28 doubling `@string` macros, about a
 * kilobyte, 2^28 characters if expanded) and a 40-doubling one, through `importCorpusFile` with default limits.
 *
 *   node --import tsx bench/import-bomb.ts
 *
 * Prints one JSON object: peak RSS (MB) after loading the modules, after the imports, and the growth, which
 * `import-bomb.test.ts` bounds. (Before the limits, the 28-doubling file peaked at 2.1 GB.)
 */
import { importCorpusFile } from '../src/core/import/import-corpus-file';

/** The bomb: `@string{d0 = "ab"}`, `d<i> = d<i-1> # d<i-1>`, used as an entry's journal. */
export function macroBombBibtex(doublings: number): string {
  const lines = ['@string{d0 = "ab"}'];
  for (let i = 1; i < doublings; i++) lines.push(`@string{d${i} = d${i - 1} # d${i - 1}}`);
  lines.push(`@article{bomb, title = {Bomb}, journal = d${doublings - 1}}`, '@article{good, title = {Good}}');
  return `${lines.join('\n')}\n`;
}

const megabytes = (kilobytes: number): number => Math.round((kilobytes / 1024) * 10) / 10;

function main(): void {
  const baseline = process.resourceUsage().maxRSS;
  const started = performance.now();
  const papers = [28, 40].map((n) => importCorpusFile(`bomb${n}.bib`, new TextEncoder().encode(macroBombBibtex(n))).papers.length);
  const ms = Math.round(performance.now() - started);
  const peak = process.resourceUsage().maxRSS;
  process.stdout.write(
    `${JSON.stringify({ papers, ms, baselinePeakRssMB: megabytes(baseline), peakRssMB: megabytes(peak), growthMB: megabytes(peak - baseline) })}\n`,
  );
}

if (process.argv[1] && /import-bomb\.ts$/.test(process.argv[1])) main();
