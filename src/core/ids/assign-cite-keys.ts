import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import type { Paper } from '../model/paper';
import { generatedCiteKey } from './cite-key';

/**
 * Gives every paper a citekey, after ids are assigned. A key the source gave (BibTeX key, CSL
 * `id`/`citation-key`) is kept as written. A paper without one gets {@link generatedCiteKey}'s key,
 * made unique with `a`, `b`, … `z`, `aa`… as Better BibTeX does (`smith2020Deep`, `smith2020Deepa`);
 * `citeKeyGenerated` marks it. A generated key never takes a key a source gives or another paper's
 * id (compared ignoring case, as BibTeX does), so it cannot hide either. Papers must arrive in
 * corpus order (files by path, records in file order): the same corpus always yields the same keys.
 *
 * `generatedOf(paper, i)`: the key a paper without one would get (default `generatedCiteKey`; a caller that keeps
 * them per file passes its own).
 *
 * Two records with the same source key: the first in corpus order is the one the key names
 * (`Corpus.byCiteKey`); both keep it and both get a warning naming the other's file and line.
 *
 * @example
 * ```ts
 * assignCiteKeys([bibPaper('smith2020'), arxivPaper]).papers.map((p) => p.citeKey);
 * // → ['smith2020', 'vaswani2017AttentionAllYou']
 * ```
 */
export function assignCiteKeys(
  papers: Paper[],
  generatedOf: (paper: Paper, index: number) => string = generatedCiteKey,
): { papers: Paper[]; diagnostics: Diagnostic[] } {
  const taken = new Set<string>();
  for (const paper of papers) {
    taken.add(paper.id.toLowerCase());
    if (paper.citeKey && !paper.citeKeyGenerated) taken.add(paper.citeKey.toLowerCase());
  }
  const diagnostics = duplicateKeyWarnings(papers);
  // The suffix each base reached: the suffixes before it are taken for good, so the next paper with that base
  // starts there (a library of many same-named papers, such as an arXiv snapshot, would otherwise try them all again).
  const lastSuffix = new Map<string, number>();
  const result = papers.map((paper, index): Paper => {
    if (paper.citeKey && !paper.citeKeyGenerated) return paper;
    const base = generatedOf(paper, index) || paper.id;
    const lowerBase = base.toLowerCase();
    let n = lastSuffix.get(lowerBase) ?? 0;
    let key = n === 0 ? base : base + alphaSuffix(n);
    while (taken.has(key.toLowerCase())) key = base + alphaSuffix(++n);
    lastSuffix.set(lowerBase, n);
    taken.add(key.toLowerCase());
    return { ...paper, citeKey: key, citeKeyGenerated: true };
  });
  return { papers: result, diagnostics };
}

/** 1 → `a`, 26 → `z`, 27 → `aa`: Better BibTeX's `%(a)s` postfix. */
export function alphaSuffix(n: number): string {
  let suffix = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) suffix = String.fromCharCode(97 + ((rest - 1) % 26)) + suffix;
  return suffix;
}

/** One warning per record whose source key another record also has, naming the first holder (or, for it, the others). */
function duplicateKeyWarnings(papers: Paper[]): Diagnostic[] {
  const holders = new Map<string, Paper[]>();
  for (const paper of papers) {
    if (!paper.citeKey || paper.citeKeyGenerated) continue;
    const list = holders.get(paper.citeKey);
    if (list) list.push(paper);
    else holders.set(paper.citeKey, [paper]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [key, list] of holders) {
    if (list.length < 2) continue;
    const [first, ...later] = list;
    const where = (paper: Paper) => `${paper.source.file}:${paper.source.line}`;
    diagnostics.push(
      warning(
        first,
        l10n.t(
          'Lectern: the citekey "{0}" is also used by {1}; this record (the first in corpus order) is the one "{0}" names in citations, links and commands. Give the other record its own key.',
          key,
          later.map(where).join(', '),
        ),
      ),
    );
    for (const paper of later) {
      diagnostics.push(
        warning(
          paper,
          l10n.t(
            'Lectern: the citekey "{0}" is already used by {1}, which "{0}" names in citations, links and commands; this record can be reached by its id "{2}". Give it its own key.',
            key,
            where(first),
            paper.id,
          ),
        ),
      );
    }
  }
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

function warning(paper: Paper, message: string): Diagnostic {
  return { file: paper.source.file, line: paper.source.line, column: 1, severity: 'warning', message };
}
