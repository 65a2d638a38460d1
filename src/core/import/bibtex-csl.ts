/**
 * BibTeX/BibLaTeX entries → CSL-JSON records with citation-js's mapping (`@citation-js/plugin-bibtex`, the
 * tables Better BibTeX's CSL export agrees with): entry types (`@incollection` → `chapter`, `@phdthesis` →
 * `thesis` with its genre, `@techreport` → `report`), fields (`booktitle` → `container-title`, `school` /
 * `institution` → `publisher`, `number` → `issue` or `number` by type, `address` → `publisher-place`), TeX
 * → Unicode, dates, and `crossref` inheritance among the entries of one file.
 *
 * Names are read separately (`bibtex-names.ts`) so that organisations and names that cannot be split stay
 * whole. The abstract is left out (the paper keeps the one copy), as are file paths and keywords.
 */
import { parse as cslFromBiblatex, type CitationJsEntry } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import { TYPE_KEYS } from '@citation-js/plugin-bibtex/lib/mapping/shared.js';
import type { CslItem } from '../model/csl-item';
import type { RawEntry } from './bibtex-record';

/** Fields not given to the mapping: names (read on their own), and what the paper keeps elsewhere or not at all. */
const LEFT_OUT = new Set(['author', 'editor', 'abstract', 'file', 'keywords', 'mendeley-tags', 'mendeley-groups']);

/**
 * The CSL records of a file's entries, in order, without names; `undefined` for an entry the mapping
 * could not read (its paper keeps its simple fields). Entries are mapped together so `crossref` resolves.
 *
 * @example cslRecordsOf([{ type: 'phdthesis', key: 'k', fields: { title: 'T', school: 'MIT' } }])[0]
 * // → { id: 'k', type: 'thesis', genre: 'PhD thesis', publisher: 'MIT', title: 'T', 'citation-key': 'k' }
 */
export function cslRecordsOf(entries: RawEntry[]): Array<CslItem | undefined> {
  const input = entries.map(citationJsEntry);
  try {
    return cslFromBiblatex(input).map((item, i) => tidy(item, entries[i]));
  } catch {
    // One entry the mapping cannot read should not cost the others their records.
    return input.map((entry, i) => {
      try {
        return tidy(cslFromBiblatex([entry])[0], entries[i]);
      } catch {
        return undefined;
      }
    });
  }
}

function citationJsEntry(raw: RawEntry): CitationJsEntry {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.fields)) {
    if (!LEFT_OUT.has(name) && value.trim()) properties[name] = value;
  }
  return { type: raw.type, label: raw.key, properties };
}

/** The mapping's item with the citekey as `id`, the genre written out, and nothing that is not CSL text. */
function tidy(item: Record<string, unknown>, raw: RawEntry): CslItem {
  const csl = { ...item, id: raw.key, type: typeof item.type === 'string' ? item.type : 'document' } as CslItem;
  if (raw.key) csl['citation-key'] = raw.key;
  else delete csl['citation-key'];
  if (typeof csl.genre === 'string' && Object.hasOwn(TYPE_KEYS, csl.genre)) csl.genre = TYPE_KEYS[csl.genre];
  return csl;
}
