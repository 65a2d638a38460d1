import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../../core/model/diagnostic';
import type { Paper } from '../../core/model/paper';
import { countOf, formatDiagnostic, table } from '../human-output';
import type { Command } from './command-context';

/** `lectern list`: every paper with its year and topics, then the diagnostics (on stderr for people). */
export const listCommand: Command = async ({ json, style, print, openLibrary }) => {
  const { library, diagnostics } = await openLibrary();
  const papers = library.papers;
  if (json) {
    print({
      papers: papers.map(listRow),
      diagnostics,
    });
    return 0;
  }
  console.log(style.dim(l10n.t('{0}: id, year, topics, title', countOf(papers.length, 'paper'))));
  if (papers.length > 0) console.log(table(papers.map((p) => [p.id, String(p.year ?? ''), p.topics.join(', ') || '—', p.title])));
  reportDiagnostics(diagnostics);
  return 0;
};

/** `lectern topics`: topics with their paper counts. */
export const topicsCommand: Command = async ({ json, style, print, openLibrary }) => {
  const { library } = await openLibrary();
  const topics = library.corpus.topics;
  if (json) {
    print({ topics: topics.map((t) => ({ name: t.name, count: t.paperIds.length, papers: t.paperIds, origin: t.origin })) });
    return 0;
  }
  console.log(style.dim(l10n.t('{0} over {1}', countOf(topics.length, 'topic'), countOf(library.papers.length, 'paper'))));
  console.log(table(topics.map((t) => [String(t.paperIds.length).padStart(5), t.name])));
  return 0;
};

function reportDiagnostics(diagnostics: Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  console.error(`\n${countOf(diagnostics.length, 'diagnostic')}:`);
  for (const d of diagnostics.slice(0, 50)) console.error(`  ${formatDiagnostic(d)}`);
  if (diagnostics.length > 50) console.error(`  ${l10n.t('… and {0} more (use --json to see all)', diagnostics.length - 50)}`);
}

/** One paper of `list --json`, the same for a local and a shared (`--database`) library. */
export function listRow(p: Pick<Paper, 'id' | 'citeKey' | 'title' | 'topics' | 'authors' | 'year'>) {
  return { id: p.id, citeKey: p.citeKey, title: p.title, topics: p.topics, authors: p.authors, year: p.year ?? null };
}
