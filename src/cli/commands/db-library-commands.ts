import * as l10n from '@vscode/l10n';
import type { LibraryBackend } from '../../core/library/library-backend';
import { PgLibrary } from '../../node/pg/pg-library';
import { PgLibraryError } from '../../node/pg/pg-library-error';
import { CliError } from '../cli-error';
import { markRanges, table } from '../human-output';
import { round, type Command, type CommandContext } from './command-context';
import { listRow } from './list-commands';
import { databaseOrFail } from './db-commands';
import { matchCountLine } from './search-command';

/** Papers `list --database` prints when no `--limit` is given: a shared library may hold millions. */
const DEFAULT_LIST_LIMIT = 100;

/**
 * `search`, `list`, `topics`, `related` and `show` with `--database URL`: the same questions asked of a shared
 * library, with the same JSON as the local commands (`topics` gives counts without each topic's paper ids,
 * `list` the first `--limit` papers).
 */
const databaseCommands: Record<string, Command> = {
  search: (context) =>
    withLibrary(context, async (library) => {
      const query = context.args.join(' ');
      if (!query.trim()) throw new CliError(l10n.t('Lectern: search needs a query, e.g. lectern search "attention sink".'), 2);
      const response = await library.search(query, { limit: context.limit ?? 10 });
      const results = response.results.map((hit) => ({ ...hit, score: round(hit.score) }));
      if (context.json) {
        context.print({ query: response.query, total: response.total, totalIsLowerBound: response.totalIsLowerBound, results });
        return 0;
      }
      console.log(context.style.dim(matchCountLine(response, query)));
      results.forEach((hit, i) => {
        console.log(`${String(i + 1).padStart(3)}. ${context.style.bold(markRanges(hit.title, hit.matches.title, context.style))}`);
        console.log(`     ${context.style.dim([hit.id, hit.topics.join(', ')].filter(Boolean).join(' · '))}`);
      });
      return 0;
    }),
  list: (context) =>
    withLibrary(context, async (library) => {
      const { papers, total } = await library.list({ limit: context.limit ?? DEFAULT_LIST_LIMIT });
      if (context.json) {
        context.print({ papers: papers.map(listRow), diagnostics: [] });
        return 0;
      }
      console.log(table(papers.map((p) => [p.id, String(p.year ?? ''), p.title])));
      if (total > papers.length)
        console.error(
          `\n${l10n.t('Lectern: showing {0} of {1} papers (--limit N for more).', papers.length, total.toLocaleString('en-US'))}`,
        );
      return 0;
    }),
  topics: (context) =>
    withLibrary(context, async (library) => {
      const topics = await library.topics();
      if (context.json) context.print({ topics });
      else console.log(table(topics.map((t) => [String(t.count).padStart(7), t.name])));
      return 0;
    }),
  related: (context) =>
    withLibrary(context, async (library) => {
      const paper = await paperOrFail(library, context);
      const related = await library.related(paper.id, context.limit ?? 8);
      if (context.json) {
        context.print({ id: paper.id, related: related.map((r) => ({ ...r, score: round(r.score) })) });
        return 0;
      }
      console.log(l10n.t('Papers like {0}:', context.style.bold(paper.title)));
      related.forEach((r, i) => {
        console.log(`${String(i + 1).padStart(3)}. ${r.title}`);
        console.log(`     ${context.style.dim(l10n.t('{0} · {1} · shares: {2}', r.id, round(r.score), r.sharedTerms.join(', ')))}`);
      });
      return 0;
    }),
  show: (context) =>
    withLibrary(context, async (library) => {
      const paper = await paperOrFail(library, context);
      if (context.json) context.print(paper);
      else
        console.log(
          `${context.style.bold(paper.title)}\n${paper.id} · ${paper.year ?? ''} · ${paper.authors.join('; ')}\n\n${paper.abstract}`,
        );
      return 0;
    }),
};

async function paperOrFail(library: LibraryBackend, { command, args }: CommandContext) {
  const id = args[0];
  if (!id) throw new CliError(l10n.t('Lectern: {0} needs a paper ID or citekey: see "lectern list --database URL"', command), 2);
  const paper = await library.paper(id);
  if (!paper)
    throw new CliError(
      l10n.t('Lectern: no paper has the id or citekey "{0}" in the shared library. Run "lectern search" to find its id.', id),
      1,
    );
  return paper;
}

/** Opens the shared library, runs a command on it and closes it; its failures exit 1 with their `Lectern:` message. */
async function withLibrary(context: CommandContext, run: (library: LibraryBackend) => Promise<number>): Promise<number> {
  let library: LibraryBackend | undefined;
  try {
    library = await PgLibrary.connect(databaseOrFail(context), { readUrl: context.readDatabase });
    return await run(library);
  } catch (error) {
    if (error instanceof PgLibraryError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await library?.close();
  }
}

/**
 * The command to run when `--database` is given: the shared-library version of `search`, `list`, `topics`,
 * `related` and `show`, `db` itself, or a usage error for a command that reads only files (`cite`, `import`).
 */
export function commandWithDatabase(command: string, local: Command | undefined): Command | undefined {
  if (Object.hasOwn(databaseCommands, command)) return databaseCommands[command];
  if (command === 'db' || !local) return local;
  throw new CliError(
    l10n.t(
      'Lectern: --database works with search, list, topics, related, show and db, not {0}. Drop --database, or use "lectern db import".',
      command,
    ),
    2,
  );
}
