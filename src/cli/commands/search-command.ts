import { excerptAround } from '../../core/text/excerpt-around';
import { CliError } from '../cli-error';
import { countOf, markRanges } from '../human-output';
import { round, type Command } from './command-context';

/** `lectern search "QUERY" [--limit N]`: ranked papers with their match ranges. */
export const searchCommand: Command = async ({ args, json, limit, style, print, openLibrary }) => {
  const query = args.join(' ');
  if (!query.trim()) throw new CliError('Lectern: search needs a query, e.g. lectern search "attention sink".', 2);
  const { library } = await openLibrary();
  const response = library.search.search(query, { limit: limit ?? 10 });
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
      })),
    });
    return 0;
  }
  const showing = response.total > response.results.length ? `, showing ${response.results.length}` : '';
  const count = response.totalIsLowerBound
    ? `${response.total.toLocaleString('en-US')}+ papers match`
    : `${countOf(response.total, 'paper')} ${response.total === 1 ? 'matches' : 'match'}`;
  console.log(style.dim(`${count} "${query}"${showing}`));
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
};
