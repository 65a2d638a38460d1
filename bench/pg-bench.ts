/**
 * The shared-library benchmark (`npm run bench:pg`): the Zipfian synthetic corpus (the seed hidden in it, topics
 * from Lectern's topic code) imported into a throwaway PostgreSQL cluster on this machine, then timed as a lab
 * would use it, with the local index at 100k in the same run as the ratio baseline.
 *
 *   npm run bench:pg -- [--sizes 100k,1m] [--million] [--clients 32] [--seconds 60] [--rounds 3] [--no-replica]
 *
 * At a million papers the topic assignment holds about 7 GB (resident at its peak, 6 December 2026), past
 * Node's default heap limit (4 GB here, where it failed after 4 minutes): run it with
 * `NODE_OPTIONS=--max-old-space-size=12288`, which the benchmark asks for before it starts.
 *
 * Per size: import papers/s (rows built and written; the term/topic refresh apart) and the CPU per paper of this
 * process and of the server (from /proc, over the import and its refresh), the server's floor under an import
 * (`copyFloor`: its CPU a paper to COPY 20,000 of the library's rows again, without and with its indexes), 2-word query p50/p95,
 * keystroke (the last word a prefix) p95, typo p95 (each, and the concurrent load, as the palette asks, `PALETTE`;
 * the 2-word queries also as the CLI asks, `twoWordCounted`; the local baseline as the local palette asks, which counts
 * to 1,000), tree root (topics with counts) ms, `clients` concurrent
 * connections searching for `seconds` (requests, errors, throughput, p95), the same with a streaming replica
 * (half the clients reading it; `--no-replica` leaves it out), this process's heap after the searches (it must
 * not grow with the corpus), and the ranking's agreement with the local index's exact ranking of the same papers
 * (`rankingAgreement`: the share of the local first ten in the shared first ten). One JSON object on stdout;
 * progress on stderr. The machine is
 * shared and small: figures are noisy, compare ratios measured in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { join } from 'node:path';
import pg from 'pg';
import type { Paper } from '../src/core/model/paper';
import { PaperSearch } from '../src/core/search/paper-search';
import { assignTopics } from '../src/core/topics/assign-topics';
import { importPapers } from '../src/node/pg/import-papers';
import { measureCopyFloor } from './pg-copy-floor';
import { measureRankingAgreement } from './pg-ranking-agreement';
import { migrateDatabase } from '../src/node/pg/migrate-database';
import { PgLibrary } from '../src/node/pg/pg-library';
import { seededRandom } from '../src/core/random/seeded-random';
import { startPostgresCluster, type PostgresCluster } from '../test/support/postgres-cluster';
import { startStreamingReplica, waitForReplay } from '../test/support/postgres-replica';
import { repoRoot } from '../test/support/shared-corpora';
import { ZipfCorpus } from './zipf-corpus';
import { PG_BENCH_QUERIES, parsePgBenchArgs, type PgBenchQueries } from './pg-bench-queries';

/**
 * A search as the palette asks it: 50 rows (`lectern.search.maxResults`' default), and the count no further (the
 * palette shows none; the CLI's `lectern search` counts to 1,000, timed apart as `twoWordCounted`).
 */
const PALETTE = { limit: 50, exactTotalUpTo: 50 };
/** A search as the CLI asks it: 10 rows (`--limit`'s default), the total exact to 1,000 ("1,000+ papers match"). */
const COUNTED = { limit: 10 };
/** A search as the local palette asks it: 50 rows, the total exact to 1,000 (counting is cheap there). */
const LOCAL_PALETTE = { limit: 50 };
/** The library's rows copied again to time the server's floor under an import (`measureCopyFloor`). */
const COPY_FLOOR_PAPERS = 20_000;

interface Latency {
  p50: number;
  p95: number;
  samples: number;
  /** The queries whose slowest round was slowest, with each round's milliseconds: where the p95 comes from. */
  slowest?: Array<{ query: string; ms: number[] }>;
}

/** How many of a workload's slowest queries the report names. */
const SLOWEST_NAMED = 5;

const args = parsePgBenchArgs(process.argv.slice(2));
const log = (message: string) => process.stderr.write(`bench:pg: ${message}\n`);

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), samples: sorted.length };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Times each query `rounds` times with `run`, in order. */
async function timeQueries(queries: string[], rounds: number, run: (query: string) => unknown): Promise<Latency> {
  return (await timeVariants(queries, rounds, { only: run })).only;
}

/**
 * Each variant's latency over the same queries, the variants timed in turn on each query (which goes first
 * alternating), so the caches they warm (the server's pages, this process's compiled code) favour none of them.
 */
async function timeVariants<K extends string>(
  queries: string[],
  rounds: number,
  variants: Record<K, (query: string) => unknown>,
): Promise<Record<K, Latency>> {
  const names = Object.keys(variants) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  const byQuery = new Map<K, Map<string, number[]>>(names.map((name) => [name, new Map()]));
  for (let r = 0; r < rounds; r++) {
    for (const [q, query] of queries.entries()) {
      // Each variant goes first on every other query, so a query's first, colder run falls on each alike.
      for (const name of (r + q) % 2 === 0 ? names : [...names].reverse()) {
        const started = performance.now();
        await variants[name](query);
        const ms = performance.now() - started;
        samples.get(name)!.push(ms);
        const times = byQuery.get(name)!.get(query) ?? [];
        times.push(round(ms));
        byQuery.get(name)!.set(query, times);
      }
    }
  }
  const latencies = {} as Record<K, Latency>;
  for (const name of names) {
    const slowest = [...byQuery.get(name)!]
      .map(([query, ms]) => ({ query, ms }))
      .sort((a, b) => Math.max(...b.ms) - Math.max(...a.ms))
      .slice(0, SLOWEST_NAMED);
    latencies[name] = { ...latency(samples.get(name)!), slowest };
  }
  return latencies;
}

/** The 2-word queries as the palette asks them (`twoWord`) and as the CLI asks them (`twoWordCounted`), timed in turn. */
async function twoWordFigures(queries: string[], search: (query: string, options: { limit: number; exactTotalUpTo?: number }) => unknown) {
  const { palette, counted } = await timeVariants(queries, args.rounds, {
    palette: (q) => search(q, PALETTE),
    counted: (q) => search(q, COUNTED),
  });
  return { twoWord: palette, twoWordCounted: counted };
}

/** The corpus of a size with topics assigned by Lectern's topic code, and the time that took. */
function corpusOf(
  corpus: ZipfCorpus,
  size: number,
): { papers: Paper[]; topics: ReturnType<typeof assignTopics>['topics']; topicsMs: number } {
  const started = performance.now();
  const assigned = assignTopics([...corpus.papers(size)]);
  return { ...assigned, topicsMs: round(performance.now() - started) };
}

/**
 * `clients` concurrent searchers for `seconds`, each on its own connection: `libraries` share them out (one
 * library per server setup: the primary alone, or the primary and a replica).
 */
async function concurrentClients(libraries: PgLibrary[], queries: string[], clients: number, seconds: number) {
  const samples: number[] = [];
  let errors = 0;
  const errorMessages = new Map<string, number>();
  const random = seededRandom(7);
  const deadline = performance.now() + seconds * 1000;
  const worker = async (library: PgLibrary) => {
    while (performance.now() < deadline) {
      const query = queries[Math.floor(random() * queries.length)];
      const started = performance.now();
      try {
        await library.search(query, PALETTE);
        samples.push(performance.now() - started);
      } catch (error) {
        errors += 1;
        const message = error instanceof Error ? error.message : String(error);
        errorMessages.set(message, (errorMessages.get(message) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => worker(libraries[i % libraries.length])));
  const figures = latency(samples);
  return {
    clients,
    seconds,
    requests: samples.length,
    errors,
    errorMessages: Object.fromEntries(errorMessages),
    throughputPerSecond: round(samples.length / seconds),
    p50: figures.p50,
    p95: figures.p95,
  };
}

async function measureSize(corpus: ZipfCorpus, size: number, queries: PgBenchQueries) {
  log(`${size} papers: assigning topics`);
  const { papers, topics, topicsMs } = corpusOf(corpus, size);
  const cluster = await startPostgresCluster({ shared_buffers: '256MB', max_connections: String(args.clients + 20) });
  try {
    const client = new pg.Client(cluster.url());
    await client.connect();
    await migrateDatabase(client);
    log(`${size} papers: importing`);
    const serverCpu = await serverCpuReader(client);
    const serverBefore = serverCpu();
    const nodeBefore = process.cpuUsage();
    // As `lectern db import` does: the refresh builds the search indexes on a second connection meanwhile.
    const connectAnother = async () => {
      const other = new pg.Client(cluster.url());
      await other.connect();
      return other;
    };
    const outcome = await importPapers(client, papers, topics, { connectAnother });
    const nodeCpu = process.cpuUsage(nodeBefore);
    const serverCpuMs = serverCpu() - serverBefore;
    await client.query('VACUUM ANALYZE');
    const copyFloor = await measureCopyFloor(client, serverCpu, Math.min(size, COPY_FLOOR_PAPERS));
    await client.end();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const library = await PgLibrary.connect(cluster.url());
    log(`${size} papers: queries`);
    const figures = {
      papers: size,
      topicsAssignMs: topicsMs,
      import: {
        papersPerSecond: round(size / (outcome.writeMs / 1000)),
        writeMs: round(outcome.writeMs),
        refreshMs: round(outcome.refreshMs),
        papersPerSecondWithRefresh: round(size / ((outcome.writeMs + outcome.refreshMs) / 1000)),
        // Where the time goes, independent of the machine's load: CPU per paper of this process (its worker
        // threads included) and of the server's processes, over the import and its refresh.
        clientCpuMsPerPaper: round((nodeCpu.user + nodeCpu.system) / 1000 / size),
        serverCpuMsPerPaper: Number.isNaN(serverCpuMs) ? null : round(serverCpuMs / size),
        copyFloor,
      },
      ...(await twoWordFigures(queries.twoWord, (q, options) => library.search(q, options))),
      keystroke: await timeQueries(queries.keystroke, args.rounds, (q) => library.search(q, PALETTE)),
      typo: await timeQueries(queries.typo, args.rounds, (q) => library.search(q, PALETTE)),
      treeRoot: await timeQueries(['tree'], Math.max(5, args.rounds * 3), () => library.topics()),
      related: await timeQueries(
        papers.slice(0, 20).map((p) => p.id),
        1,
        (id) => library.related(id, 8),
      ),
      topics: (await library.topics()).length,
    };
    await library.close();
    log(`${size} papers: ${args.clients} clients for ${args.seconds} s`);
    const mixed = [...queries.twoWord, ...queries.keystroke, ...queries.typo];
    const onPrimary = await PgLibrary.connect(cluster.url(), { maxConnections: args.clients });
    const concurrent = await concurrentClients([onPrimary], mixed, args.clients, args.seconds).finally(() => onPrimary.close());
    const withReplica = args.replica ? await replicaRun(cluster, mixed) : undefined;
    global.gc?.();
    // What the searches left on this process's heap (the corpus built for the import is already there before).
    const clientHeapGrowthMB = round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024);
    log(`${size} papers: the local index of the same papers, for the ranking's agreement`);
    const localIndex = PaperSearch.build(papers);
    const agreeing = await PgLibrary.connect(cluster.url());
    const rankingAgreement = await measureRankingAgreement(
      { twoWord: queries.twoWord, keystroke: queries.keystroke, typo: queries.typo },
      async (q) => (await agreeing.search(q, PALETTE)).results.map((hit) => hit.id),
      (q) => localIndex.search(q, LOCAL_PALETTE).results.map((hit) => hit.id),
    ).finally(() => agreeing.close());
    return { ...figures, concurrent, withReplica, clientHeapGrowthMB, rankingAgreement };
  } finally {
    await cluster.stop();
  }
}

/**
 * The same load on two servers: a streaming replica of the cluster, half the clients reading the primary and
 * half through a library whose reads go to the replica. One machine's cores serve both, so this shows what a
 * replica costs and that it works under load, not the capacity a second machine adds.
 */
async function replicaRun(cluster: PostgresCluster, queries: string[]) {
  log(`starting a streaming replica`);
  const started = performance.now();
  const replica = await startStreamingReplica(cluster, { shared_buffers: '256MB', max_connections: String(args.clients + 20) });
  try {
    await waitForReplay(cluster, replica);
    const setupMs = round(performance.now() - started);
    log(`${args.clients} clients for ${args.seconds} s on the primary and the replica`);
    const primaryOnly = await PgLibrary.connect(cluster.url(), { maxConnections: args.clients });
    const viaReplica = await PgLibrary.connect(cluster.url(), { maxConnections: args.clients, readUrl: replica.url() });
    try {
      const run = await concurrentClients([primaryOnly, viaReplica], queries, args.clients, args.seconds);
      return { replicaSetupMs: setupMs, ...run, replicaFallbacks: viaReplica.replicaFallbacks };
    } finally {
      await primaryOnly.close();
      await viaReplica.close();
    }
  } finally {
    await replica.stop();
  }
}

/**
 * A reader of the CPU time (ms) the cluster's processes have used so far: the postmaster with the children it
 * reaped, and its live children (backends, WAL writer, checkpointer, autovacuum). Linux's /proc; NaN elsewhere.
 */
async function serverCpuReader(client: pg.Client): Promise<() => number> {
  const ticksPerSecond = 100;
  const cpuOf = (pid: number, reaped: boolean) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1000) / ticksPerSecond;
  };
  try {
    const dir = (await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'")).rows[0].setting;
    const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return () => {
      let ms = cpuOf(postmaster, true);
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster)
            ms += cpuOf(Number(entry), false);
        } catch {
          // The process ended meanwhile: the postmaster's reaped time counts it.
        }
      }
      return ms;
    };
  } catch {
    return () => NaN;
  }
}

async function measureLocal(corpus: ZipfCorpus, size: number, queries: PgBenchQueries) {
  log(`local index at ${size}: building`);
  const started = performance.now();
  const search = PaperSearch.build([...corpus.papers(size)]);
  const buildMs = round(performance.now() - started);
  return {
    papers: size,
    buildMs,
    // As the local palette asks: it counts to 1,000 (counting is cheap here: asking for 20 saved 2–6 % of the CPU).
    twoWord: await timeQueries(queries.twoWord, args.rounds, (q) => search.search(q, LOCAL_PALETTE)),
    keystroke: await timeQueries(queries.keystroke, args.rounds, (q) => search.search(q, LOCAL_PALETTE)),
    typo: await timeQueries(queries.typo, args.rounds, (q) => search.search(q, LOCAL_PALETTE)),
  };
}

/** The heap a size's topic assignment needs (MB): about 7 GB at a million papers, in proportion below. */
function heapNeededMb(size: number): number {
  return Math.ceil((size / 1_000_000) * 9_000);
}

async function main(): Promise<void> {
  const neededMb = heapNeededMb(Math.max(...args.sizes));
  const limitMb = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  if (limitMb < neededMb)
    throw new Error(
      `Lectern: the topic assignment at ${Math.max(...args.sizes)} papers needs about ${neededMb} MB of heap and Node allows ${Math.round(limitMb)} MB: run it with NODE_OPTIONS=--max-old-space-size=${Math.ceil(neededMb / 1024) * 1024 + 3072}.`,
    );
  const corpus = ZipfCorpus.load({ repoRoot, sharedCorporaDir: false });
  const queries = PG_BENCH_QUERIES;
  const local = await measureLocal(corpus, 100_000, queries);
  const sizes = [];
  for (const size of args.sizes) sizes.push(await measureSize(corpus, size, queries));
  const at100k = sizes.find((s) => s.papers === 100_000);
  const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : null);
  const report = {
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map(round), node: process.version },
    note: 'A shared 2-core machine: figures are noisy; compare the ratios to the local index measured in the same run.',
    asked: { palette: PALETTE, cli: COUNTED, localPalette: LOCAL_PALETTE },
    postgres: sizes,
    local100k: local,
    ratiosPostgresToLocalAt100k: at100k && {
      twoWordP95: ratio(at100k.twoWord.p95, local.twoWord.p95),
      keystrokeP95: ratio(at100k.keystroke.p95, local.keystroke.p95),
      typoP95: ratio(at100k.typo.p95, local.typo.p95),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:pg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
