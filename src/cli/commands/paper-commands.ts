import * as l10n from '@vscode/l10n';
import { table } from '../human-output';
import { round, type Command } from './command-context';

/** `lectern related ID [--limit N]`: papers most like ID, with the terms they share. */
export const relatedCommand: Command = async ({ json, limit, style, print, openLibrary, paperOrFail }) => {
  const { library } = await openLibrary();
  const paper = paperOrFail(library);
  const related = library.related(paper.id, limit ?? 8);
  if (json) {
    print({ id: paper.id, related: related.map((r) => ({ ...r, score: round(r.score) })) });
    return 0;
  }
  console.log(l10n.t('Papers like {0}:', style.bold(paper.title)));
  related.forEach((r, i) => {
    console.log(`${String(i + 1).padStart(3)}. ${r.title}`);
    console.log(`     ${style.dim(l10n.t('{0} · {1} · shares: {2}', r.id, round(r.score), r.sharedTerms.join(', ')))}`);
  });
  return 0;
};

/** `lectern show ID`: one paper in full. */
export const showCommand: Command = async ({ json, style, print, openLibrary, paperOrFail }) => {
  const { library } = await openLibrary();
  const paper = paperOrFail(library);
  if (json) {
    print(paper);
    return 0;
  }
  const field = (name: string, value: string | number | string[] | undefined) =>
    value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
      ? []
      : [[name, Array.isArray(value) ? value.join('; ') : String(value)]];
  const rows = [
    ...field(l10n.t('id'), paper.id),
    ...field(l10n.t('citekey'), paper.citeKey),
    ...field(l10n.t('authors'), paper.authors),
    ...field(l10n.t('year'), paper.year),
    ...field(l10n.t('venue'), paper.venue),
    ...field(l10n.t('topics'), paper.topics),
    ...field(l10n.t('keywords'), paper.keywords),
    ...field('doi', paper.doi),
    ...field('arXiv', paper.arxivId),
    ...field('url', paper.url),
    ...field(l10n.t('source'), `${paper.source.file}:${paper.source.line}`),
  ];
  console.log(style.bold(paper.title));
  console.log(table(rows.map(([k, v]) => [style.dim(k), v])));
  if (paper.abstract) console.log(`\n${paper.abstract}`);
  return 0;
};
