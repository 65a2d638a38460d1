import { parseArgs } from 'node:util';
import { accessSync, constants, statSync } from 'node:fs';
import type { Paper } from '../core/model/paper';
import { readCorpusFile } from '../core/corpus/read-corpus-paths';
import { formatCitation, type CitationFormat } from '../core/cite/format-citation';
import { loadCliLibrary } from './load-cli-library';
import { excerptAround } from '../core/text/excerpt-around';
import { formatDiagnostic, markRanges, styleFor, table } from './human-output';

const USAGE = `lectern — search, list and cite the papers in a Lectern corpus

Usage:
  lectern search "QUERY" [--limit N]   rank papers (filters: topic: author: year:2020..2023 tag: status:)
  lectern list                         every paper with its topics
  lectern topics                       topics with their paper counts
  lectern related ID [--limit N]       papers most like ID, with the terms they share
  lectern show ID                      one paper in full
  lectern cite ID --format bibtex|apa|markdown
  lectern import FILE                  import one file and report what was read

Options:
  --corpus PATH   a corpus file or folder (repeatable); default: the bundled corpus/
  --json          machine-readable output
  --limit N       how many results (default 10)
  -h, --help      this help`;

/** Exit codes: 0 done, 1 nothing found for an id, 2 usage or unreadable input. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      corpus: { type: 'string', multiple: true, default: [] },
      limit: { type: 'string' },
      format: { type: 'string', default: 'bibtex' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const limit = parseLimit(values.limit);
  const out = process.stdout;
  const style = styleFor(out);
  const print = (value: unknown) => out.write(`${JSON.stringify(value, null, 2)}\n`);

  if (command === 'import') {
    const file = requireArg(args[0], 'import needs a FILE: lectern import library.bib');
    assertReadableFile(file);
    const result = readCorpusFile(file);
    if (values.json) print({ papers: result.papers, diagnostics: result.diagnostics });
    else {
      console.log(`${file}: ${result.papers.length} papers, ${result.diagnostics.length} diagnostics`);
      for (const d of result.diagnostics) console.log(`  ${formatDiagnostic(d)}`);
    }
    return 0;
  }

  const { library, diagnostics } = loadCliLibrary(values.corpus as string[]);
  const paperOrFail = (id: string | undefined): Paper => {
    const wanted = requireArg(id, `${command} needs a paper ID: see "lectern list"`);
    const paper = library.paper(wanted);
    if (!paper) throw new CliError(`Lectern: no paper has the id "${wanted}". Run "lectern search" or "lectern list" to find its id.`, 1);
    return paper;
  };

  switch (command) {
    case 'search': {
      const query = args.join(' ');
      if (!query.trim()) throw new CliError('Lectern: search needs a query, e.g. lectern search "attention sink".', 2);
      const response = library.search.search(query, { limit: limit ?? 10 });
      if (values.json) {
        print({
          query: response.query,
          total: response.total,
          results: response.results.map((hit) => ({
            id: hit.id,
            title: hit.title,
            score: round(hit.score),
            topics: hit.topics,
            terms: hit.terms,
            matches: hit.matches,
          })),
        });
        return 0;
      }
      console.log(
        style.dim(
          `${response.total} papers match "${query}"${response.total > response.results.length ? `, showing ${response.results.length}` : ''}`,
        ),
      );
      response.results.forEach((hit, i) => {
        const paper = library.paper(hit.id)!;
        console.log(`${String(i + 1).padStart(3)}. ${style.bold(markRanges(hit.title, hit.matches.title, style))}`);
        console.log(`     ${style.dim([hit.id, paper.year, hit.topics.join(', ')].filter(Boolean).join(' · '))}`);
        if (hit.matches.abstract.length > 0) {
          const excerpt = excerptAround(paper.abstract, hit.matches.abstract);
          console.log(`     ${markRanges(excerpt.text, excerpt.ranges, style)}`);
        }
      });
      return 0;
    }
    case 'list': {
      const papers = library.papers;
      if (values.json) {
        print({
          papers: papers.map((p) => ({ id: p.id, title: p.title, topics: p.topics, authors: p.authors, year: p.year ?? null })),
          diagnostics,
        });
        return 0;
      }
      console.log(table(papers.map((p) => [p.id, String(p.year ?? ''), p.title])));
      reportDiagnostics(diagnostics);
      return 0;
    }
    case 'topics': {
      const topics = library.corpus.topics;
      if (values.json) {
        print({ topics: topics.map((t) => ({ name: t.name, count: t.paperIds.length, papers: t.paperIds, origin: t.origin })) });
        return 0;
      }
      console.log(style.dim(`${topics.length} topics over ${library.papers.length} papers`));
      console.log(table(topics.map((t) => [String(t.paperIds.length).padStart(5), t.name])));
      return 0;
    }
    case 'related': {
      const paper = paperOrFail(args[0]);
      const related = library.related(paper.id, limit ?? 8);
      if (values.json) {
        print({ id: paper.id, related: related.map((r) => ({ ...r, score: round(r.score) })) });
        return 0;
      }
      console.log(`Papers like ${style.bold(paper.title)}:`);
      related.forEach((r, i) => {
        console.log(`${String(i + 1).padStart(3)}. ${r.title}`);
        console.log(`     ${style.dim(`${r.id} · ${round(r.score)} · shares: ${r.sharedTerms.join(', ')}`)}`);
      });
      return 0;
    }
    case 'show': {
      const paper = paperOrFail(args[0]);
      if (values.json) {
        print(paper);
        return 0;
      }
      const field = (name: string, value: unknown) =>
        value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
          ? []
          : [[name, Array.isArray(value) ? value.join('; ') : String(value)]];
      console.log(style.bold(paper.title));
      console.log(
        table(
          [
            ...field('id', paper.id),
            ...field('authors', paper.authors),
            ...field('year', paper.year),
            ...field('venue', paper.venue),
            ...field('topics', paper.topics),
            ...field('keywords', paper.keywords),
            ...field('doi', paper.doi),
            ...field('arXiv', paper.arxivId),
            ...field('url', paper.url),
            ...field('source', `${paper.source.file}:${paper.source.line}`),
          ].map(([k, v]) => [style.dim(k), v]),
        ),
      );
      if (paper.abstract) console.log(`\n${paper.abstract}`);
      return 0;
    }
    case 'cite': {
      const paper = paperOrFail(args[0]);
      const format = values.format as string;
      if (!['bibtex', 'apa', 'markdown'].includes(format))
        throw new CliError(`Lectern: unknown citation format "${format}"; use --format bibtex, apa or markdown.`, 2);
      const citation = formatCitation(paper, format as CitationFormat);
      if (values.json) print({ id: paper.id, format, citation });
      else console.log(citation);
      return 0;
    }
    default:
      throw new CliError(`Lectern: unknown command "${command}".\n\n${USAGE}`, 2);
  }
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`Lectern: --limit takes a whole number of 1 or more, not "${raw}".`, 2);
  return n;
}

function requireArg(value: string | undefined, message: string): string {
  if (!value) throw new CliError(`Lectern: ${message}`, 2);
  return value;
}

function assertReadableFile(file: string): void {
  try {
    if (statSync(file).isDirectory())
      throw new CliError(`Lectern: ${file} is a folder; import takes one file (use --corpus for folders).`, 2);
    accessSync(file, constants.R_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`Lectern: cannot read ${file} (${code}). Check the path and its permissions.`, 2);
  }
}

function reportDiagnostics(diagnostics: ReturnType<typeof loadCliLibrary>['diagnostics']): void {
  if (diagnostics.length === 0) return;
  console.error(`\n${diagnostics.length} diagnostics:`);
  for (const d of diagnostics.slice(0, 50)) console.error(`  ${formatDiagnostic(d)}`);
  if (diagnostics.length > 50) console.error(`  … and ${diagnostics.length - 50} more (use --json to see all)`);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else if (error instanceof Error && 'code' in error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`Lectern: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
