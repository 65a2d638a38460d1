// `npm run eval:topics`: how well topics group real libraries. For each corpus in ../shared/corpora (or
// $LECTERN_SHARED_CORPORA), with keywords and categories hidden and then visible, prints one JSON report: topics,
// largest topic %, Other %, papers in 2–3 topics, purity and NMI against held-back labels, the same for a TF-IDF
// k-means baseline at the same number of clusters (computed in the same run), each with the NMI its cluster sizes
// score by chance (`chanceNmi`), time and peak memory. Also times
// synthetic libraries of `--sizes` papers (default 3000,100000). A benchmark, not a test: each measurement runs in
// its own process so peak memory is its own. Options: `--only <corpus name part>`, `--mode hidden|visible`,
// `--sizes 3000`, `--no-scale`.
import { readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importCorpusFile } from '../src/core/import/import-corpus-file';
import { assignIds } from '../src/core/ids/assign-ids';
import { assignTopics, OTHER_TOPIC } from '../src/core/topics/assign-topics';
import type { Paper } from '../src/core/model/paper';
import { generateSyntheticPapers } from '../bench/synthetic-corpus';
import { kMeansBaseline } from './eval-topics-baseline';
import { seededRandom } from '../src/core/random/seeded-random';

const root = fileURLToPath(new URL('..', import.meta.url));
const corporaDir = process.env.LECTERN_SHARED_CORPORA ?? join(root, '..', 'shared', 'corpora');

type LabelRule = 'arxiv-archive' | 'keyword' | 'none';
interface CorpusSpec {
  name: string;
  files: string[];
  labels: LabelRule;
}

const CORPORA: CorpusSpec[] = [
  { name: 'arxiv-2000', files: ['arxiv_snapshot_0704.0001-2000_authors-parsed-flattened.jsonl'], labels: 'arxiv-archive' },
  { name: 'iclr-2018', files: ['openreview_iclr2018_paperlists.json'], labels: 'keyword' },
  { name: 'iclr-2021', files: ['openreview_iclr2021_paperlist.tsv'], labels: 'keyword' },
  { name: 'zotero-marine-chemistry', files: ['bibtex_zotero_marine-chemistry_my-library.bib'], labels: 'keyword' },
  { name: 'mendeley-neuroscience', files: ['bibtex_mendeley_neuroscience_library.bib'], labels: 'keyword' },
  {
    name: 'iridia-articles',
    files: [
      'bibtex_iridia_cc0/abbrev.bib',
      'bibtex_iridia_cc0/journals.bib',
      'bibtex_iridia_cc0/authors.bib',
      'bibtex_iridia_cc0/articles.bib',
    ],
    labels: 'keyword',
  },
  { name: 'csl-optics-robotics', files: ['csljson_betterbibtex_optics-robotics_my-library.json'], labels: 'none' },
  { name: 'csl-legged-robotics', files: ['csljson_betterbibtex_legged-robotics_my-library.json'], labels: 'none' },
  { name: 'csl-law', files: ['csljson_betterbibtex_law_my-library.json'], labels: 'none' },
];

/** Keywords too broad to serve as a label (they would make one giant class). */
const GENERIC_LABEL_KEYWORDS = new Set([
  'deep learning',
  'machine learning',
  'neural network',
  'neural networks',
  'deep neural networks',
  'deep neural network',
  'artificial intelligence',
  'optimization',
  'representation learning',
]);

function loadCorpus(spec: CorpusSpec): Paper[] {
  const paths = spec.files.map((f) => join(corporaDir, f));
  // Several BibTeX files (macros first) are read as one, as `@string`s must precede their use.
  const bytes = paths.length > 1 ? Buffer.concat(paths.map((p) => readFileSync(p))) : readFileSync(paths[0]);
  return assignIds(importCorpusFile(basename(paths[paths.length - 1]), bytes).papers).papers;
}

/** Held-back label per paper (undefined = unlabelled): the arXiv archive, or the paper's most used non-generic keyword. */
function labelsOf(papers: Paper[], rule: LabelRule, arxivCategories: Map<string, string>): Array<string | undefined> {
  if (rule === 'none') return papers.map(() => undefined);
  if (rule === 'arxiv-archive') return papers.map((p) => arxivCategories.get(p.id)?.split(/[.\s]/)[0]);
  const fold = (k: string): string => k.trim().toLowerCase().replace(/s$/, '');
  const frequency = new Map<string, number>();
  for (const p of papers) for (const k of new Set(p.keywords.map(fold))) frequency.set(k, (frequency.get(k) ?? 0) + 1);
  return papers.map((p) => {
    const usable = p.keywords.map(fold).filter((k) => k && !GENERIC_LABEL_KEYWORDS.has(k) && !GENERIC_LABEL_KEYWORDS.has(`${k}s`));
    usable.sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0) || (a < b ? -1 : 1));
    return usable[0];
  });
}

function arxivCategoriesById(spec: CorpusSpec): Map<string, string> {
  const map = new Map<string, string>();
  if (spec.labels !== 'arxiv-archive') return map;
  for (const line of readFileSync(join(corporaDir, spec.files[0]), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { id: string; categories: string };
    map.set(record.id, record.categories);
  }
  return map;
}

/** Purity and NMI (arithmetic normalisation) of a clustering against labels, over the labelled papers. */
function agreement(clusters: string[], labels: Array<string | undefined>): { purity: number; nmi: number; labelled: number } {
  const pairs: Array<[string, string]> = [];
  clusters.forEach((c, i) => {
    if (labels[i] !== undefined) pairs.push([c, labels[i]]);
  });
  const n = pairs.length;
  if (n === 0) return { purity: 0, nmi: 0, labelled: 0 };
  const joint = new Map<string, Map<string, number>>();
  const byCluster = new Map<string, number>();
  const byLabel = new Map<string, number>();
  for (const [c, l] of pairs) {
    const row = joint.get(c) ?? new Map<string, number>();
    joint.set(c, row);
    row.set(l, (row.get(l) ?? 0) + 1);
    byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    byLabel.set(l, (byLabel.get(l) ?? 0) + 1);
  }
  let purity = 0;
  let mutual = 0;
  for (const [c, row] of joint) {
    purity += Math.max(...row.values());
    for (const [l, count] of row) mutual += (count / n) * Math.log((count * n) / (byCluster.get(c)! * byLabel.get(l)!));
  }
  const entropy = (counts: Map<string, number>): number => [...counts.values()].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
  const denominator = (entropy(byCluster) + entropy(byLabel)) / 2;
  return { purity: round(purity / n), nmi: round(denominator > 0 ? mutual / denominator : 0), labelled: n };
}

/**
 * The NMI the same cluster sizes get by chance: the mean over 5 seeded shuffles of the clusters. With few labelled
 * papers and many labels of one or two papers each (the BibTeX libraries), chance alone scores high, and the
 * room above it is what grouping can win.
 */
function chanceNmi(clusters: string[], labels: Array<string | undefined>): number {
  const random = seededRandom(7);
  let sum = 0;
  for (let round = 0; round < 5; round += 1) {
    const shuffled = [...clusters];
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    sum += agreement(shuffled, labels).nmi;
  }
  return round(sum / 5);
}

function round(x: number, digits = 3): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

/** One measurement, in this process: a corpus in a mode, or a synthetic library of `size` papers. */
function measure(corpusName: string, mode: 'hidden' | 'visible'): object {
  const spec = CORPORA.find((c) => c.name === corpusName)!;
  const loaded = loadCorpus(spec);
  const labels = labelsOf(loaded, spec.labels, arxivCategoriesById(spec));
  const papers = mode === 'hidden' ? loaded.map((p) => ({ ...p, keywords: [], categories: [] })) : loaded;
  const started = performance.now();
  const result = assignTopics(papers);
  const ms = performance.now() - started;
  return { corpus: corpusName, mode, ...summarise(result, papers.length, labels), ms: Math.round(ms), ...memory() };
}

function summarise(result: ReturnType<typeof assignTopics>, total: number, labels: Array<string | undefined>): object {
  const named = result.topics.filter((t) => t.name !== OTHER_TOPIC);
  const other = result.topics.find((t) => t.name === OTHER_TOPIC)?.paperIds.length ?? 0;
  const clusters = result.papers.map((p) => p.topics[0]);
  const k = Math.max(2, named.length + (other > 0 ? 1 : 0));
  const baseline = kMeansBaseline(result.papers, k, 1);
  const subtopics = named.reduce((n, t) => n + (t.subtopics?.length ?? 0), 0);
  return {
    papers: total,
    topics: named.length,
    subtopics,
    largestPct: pct(Math.max(0, ...named.map((t) => t.paperIds.length)), total),
    otherPct: pct(other, total),
    multiTopicPct: pct(result.papers.filter((p) => p.topics.length >= 2).length, total),
    ...agreement(clusters, labels),
    chanceNmi: chanceNmi(clusters, labels),
    baseline: { k, ...agreement(baseline, labels), chanceNmi: chanceNmi(baseline, labels) },
    names: named.map((t) => `${t.name} (${t.paperIds.length})`),
  };
}

function pct(part: number, whole: number): number {
  return whole > 0 ? round((100 * part) / whole, 1) : 0;
}

function memory(): { peakRssMB: number } {
  return { peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function measureScale(size: number): object {
  const papers = generateSyntheticPapers(size, 1).map((p) => ({ ...p, keywords: [], categories: [], topics: [] }));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = assignTopics(papers);
  const ms = performance.now() - started;
  // CPU time as well as wall time: on a shared machine the wall time mostly measures the other processes.
  const { user, system } = process.cpuUsage(cpu);
  const other = result.topics.find((t) => t.name === OTHER_TOPIC)?.paperIds.length ?? 0;
  return {
    synthetic: size,
    ms: Math.round(ms),
    cpuMs: Math.round((user + system) / 1000),
    topics: result.topics.length,
    otherPct: pct(other, size),
    ...memory(),
  };
}

function child(args: string[]): object {
  const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) return { args, error: (run.stderr || run.stdout).slice(-2000) };
  return JSON.parse(run.stdout) as object;
}

function main(argv: string[]): void {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const one = flag('--measure');
  if (one) {
    const [name, mode] = one.split(':');
    process.stdout.write(JSON.stringify(name === 'synthetic' ? measureScale(Number(mode)) : measure(name, mode as 'hidden')));
    return;
  }
  const only = flag('--only');
  const corpora = CORPORA.filter((c) => (!only || c.name.includes(only)) && c.files.every((f) => existsSync(join(corporaDir, f))));
  const report: Record<string, unknown> = { corporaDir, node: process.version };
  const modes = flag('--mode') ? [flag('--mode')!] : ['hidden', 'visible'];
  report.corpora = corpora.flatMap((c) => modes.map((mode) => child(['--measure', `${c.name}:${mode}`])));
  if (!argv.includes('--no-scale')) {
    const sizes = (flag('--sizes') ?? '3000,100000').split(',').map(Number);
    report.scale = sizes.map((size) => child(['--measure', `synthetic:${size}`]));
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main(process.argv.slice(2));
