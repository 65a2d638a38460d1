import type { ImportedPaper } from '../model/paper';
import { slugifyTitle } from './slugify-title';

/**
 * A paper's stable id, from the most durable identifier it has:
 *   1. arXiv id   `2403.01234`, old style `hep-th/0701001` → `hep-th-0701001`
 *   2. DOI        `10.1038/nature10098` → `doi-10.1038-nature10098`
 *   3. cite key   `Zamora-Lopez2010` → `zamora-lopez2010`
 *   4. title slug `see-what-you-are-told-visual-attention-sink-in-large`
 * Ids are lowercase and made of `a-z 0-9 . _ -` only, so they are safe as file names on every
 * system and in `[[id]]` / `@id` references. The same record yields the same id everywhere, forever:
 * change this function only with a migration for users' notes.
 *
 * @example
 * ```ts
 * paperIdFor({ arxivId: 'arXiv:2403.01234v2', title: '…' });            // → '2403.01234' (version dropped)
 * paperIdFor({ doi: 'https://doi.org/10.1038/Nature10098', title: '…' }); // → 'doi-10.1038-nature10098'
 * ```
 */
export function paperIdFor(paper: Pick<ImportedPaper, 'arxivId' | 'doi' | 'citeKey' | 'title'>): string {
  const arxiv = paper.arxivId ? sanitizeId(paper.arxivId.replace(/^arxiv:/i, '').replace(/v\d+$/i, '')) : '';
  if (arxiv) return arxiv;
  const doi = paper.doi ? sanitizeId(paper.doi.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '')) : '';
  if (doi) return `doi-${doi}`;
  const key = paper.citeKey ? sanitizeId(paper.citeKey) : '';
  if (key) return key;
  return slugifyTitle(paper.title) || 'untitled';
}

/**
 * Makes any given id file-name safe: lowercase `a-z 0-9 . _ -`, runs of anything else one hyphen,
 * no leading or trailing `-`/`.`; may return `''`.
 *
 * @example
 * ```ts
 * sanitizeId('  Zamora-Lopez:2010/A  '); // → 'zamora-lopez-2010-a'
 * ```
 */
export function sanitizeId(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
