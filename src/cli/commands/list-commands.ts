import type { Diagnostic } from '../../core/model/diagnostic';
import { formatDiagnostic, table } from '../human-output';
import type { Command } from './command-context';

/** `lectern list`: every paper with its topics, then the diagnostics (on stderr for people). */
export const listCommand: Command = async ({ json, print, openLibrary }) => {
  const { library, diagnostics } = await openLibrary();
  const papers = library.papers;
  if (json) {
    print({
      papers: papers.map((p) => ({
        id: p.id,
        citeKey: p.citeKey,
        title: p.title,
        topics: p.topics,
        authors: p.authors,
        year: p.year ?? null,
      })),
      diagnostics,
    });
    return 0;
  }
  console.log(table(papers.map((p) => [p.id, String(p.year ?? ''), p.title])));
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
  console.log(style.dim(`${topics.length} topics over ${library.papers.length} papers`));
  console.log(table(topics.map((t) => [String(t.paperIds.length).padStart(5), t.name])));
  return 0;
};

function reportDiagnostics(diagnostics: Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  console.error(`\n${diagnostics.length} diagnostics:`);
  for (const d of diagnostics.slice(0, 50)) console.error(`  ${formatDiagnostic(d)}`);
  if (diagnostics.length > 50) console.error(`  … and ${diagnostics.length - 50} more (use --json to see all)`);
}
