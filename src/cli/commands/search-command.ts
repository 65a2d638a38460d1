import * as l10n from '@vscode/l10n';
import { searchWithFullText } from '../../core/fulltext/merge-fulltext';
import { fullTextFilter } from '../../core/fulltext/fulltext-mode';
import { metadataMatchLine } from '../../core/search/metadata-match';
import { excerptAround } from '../../core/text/excerpt-around';
import { CliError } from '../cli-error';
import { markRanges } from '../human-output';
import { round, type Command } from './command-context';
import { cliFullTextIndex } from './search-fulltext';

/** `lectern search "QUERY" [--limit N]`: ranked papers with their match ranges, and the pages of their PDFs that match. */
export const searchCommand: Command = async ({ args, json, limit, style, print, openLibrary, cache }) => {
  const query = args.join(' ');
  if (!query.trim()) throw new CliError(l10n.t('Lectern: search needs a query, e.g. lectern search "attention sink".'), 2);
  const { library } = await openLibrary();
  const wanted = limit ?? 10;
  // PDFs are read only when the query may use them.
  const fullText = fullTextFilter(query).mode === 'off' ? undefined : await cliFullTextIndex(library, cache);
  const response = searchWithFullText(
    query,
    'on',
    wanted,
    (rest) => library.search.search(rest, { limit: wanted }),
    fullText && ((rest) => fullText.search(rest, { limit: wanted })),
  );
  if (json) {
    print({
      query: response.query,
      total: response.total,
      totalIsLowerBound: response.totalIsLowerBound,
      results: response.results.map((hit) => ({
        id: hit.id,
        title: hit.title,
        score: round(hit.score),
        topics: hit.topics,
        terms: hit.terms,
        matches: hit.matches,
        ...(hit.fullTextOnly ? { fullTextOnly: true } : {}),
      })),
    });
    return 0;
  }
  console.log(style.dim(matchCountLine(response, query)));
  response.results.forEach((hit, i) => {
    const paper = library.paper(hit.id)!;
    console.log(`${String(i + 1).padStart(3)}. ${style.bold(markRanges(hit.title, hit.matches.title, style))}`);
    console.log(`     ${style.dim([hit.id, paper.year, hit.topics.join(', ')].filter(Boolean).join(' · '))}`);
    if (hit.matches.abstract.length > 0) {
      const excerpt = excerptAround(paper.abstract, hit.matches.abstract);
      console.log(`     ${markRanges(excerpt.text, excerpt.ranges, style)}`);
    } else if (hit.matches.title.length === 0 && !hit.matches.fulltext?.length) {
      // Found through its keywords, authors or categories alone: say which, since nothing above is marked.
      const line = metadataMatchLine(paper, hit.terms, query);
      if (line) console.log(`     ${style.dim(line)}`);
    }
    for (const match of hit.matches.fulltext ?? [])
      console.log(`     ${style.dim(l10n.t('full text, p. {0}:', match.page))} ${match.snippet}`);
  });
  return 0;
};

/** "1,234 papers match "q", showing 10", or "1,000+ papers match …" when the total is a lower bound (local and shared libraries). */
export function matchCountLine(
  response: { total: number; totalIsLowerBound: boolean; results: readonly unknown[] },
  query: string,
): string {
  const showing = response.total > response.results.length ? l10n.t(', showing {0}', response.results.length) : '';
  const total = response.total.toLocaleString('en-US');
  const count = response.totalIsLowerBound
    ? l10n.t('{0}+ papers match "{1}"', total, query)
    : response.total === 1
      ? l10n.t('1 paper matches "{0}"', query)
      : l10n.t('{0} papers match "{1}"', total, query);
  return count + showing;
}
