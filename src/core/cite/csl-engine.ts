import * as l10n from '@vscode/l10n';
import CSL from 'citeproc';
import type { CslItem } from '../model/csl-item';
import type { CitationStyle } from './citation-style';

/** How a formatted reference is marked up: plain text, or markdown with `*emphasis*` and `**strong**`. */
export type CitationMarkup = 'text' | 'markdown';

// citeproc-js's own plain-text format drops emphasis; this one writes it as markdown and escapes
// the characters markdown would read as markup. Links stay as written (DOIs and URLs carry `_`).
const MARKDOWN_SPECIALS = /[\\`*_[\]<>]/g;
const unescapeMarkdown = (text: string) => text.replace(/\\([\\`*_[\]<>])/g, '$1');
CSL.Output.Formats.markdown = {
  ...CSL.Output.Formats.text,
  text_escape: (text: string | undefined) => (text ?? '').replace(MARKDOWN_SPECIALS, (ch) => `\\${ch}`),
  '@font-style/italic': '*%%STRING%%*',
  '@font-style/oblique': '*%%STRING%%*',
  '@font-weight/bold': '**%%STRING%%**',
  '@URL/true': (_state: unknown, text: string) => unescapeMarkdown(text),
  '@DOI/true': (_state: unknown, text: string) => unescapeMarkdown(text),
};

interface Engine {
  citeproc: InstanceType<typeof CSL.Engine>;
  /** The items the next call formats: citeproc asks for them by id. */
  items: Map<string, CslItem>;
  hasBibliography: boolean;
  /** The JSON of the record citeproc-js holds: the same record again needs no update. */
  lastRecord?: string;
}

// Creating an engine parses the style and locale (most of a second for APA); formatting one
// reference with a warm engine takes milliseconds. Engines are kept per style and locale.
const MAX_ENGINES = 4;
const engines = new Map<string, Engine>();
const keyIds = new WeakMap<CitationStyle, string>();

function cacheKey(style: CitationStyle): string {
  let key = keyIds.get(style);
  if (key === undefined) {
    const locale = style.locales[style.lang] ?? '';
    // Same XML → same engine, whichever CitationStyle object carries it; the key is short to hash.
    key = `${style.lang}|${style.forceLang}|${style.styleXml.length}|${locale.length}|${hashOf(style.styleXml)}|${hashOf(locale)}`;
    keyIds.set(style, key);
  }
  return key;
}

function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * The citeproc-js engine for a style, created on first use and cached. Throws an Error starting
 * `Lectern:` when citeproc-js cannot build the style (a structurally broken CSL file).
 */
function engineFor(style: CitationStyle): Engine {
  const key = cacheKey(style);
  const cached = engines.get(key);
  if (cached) return cached;
  const items = new Map<string, CslItem>();
  const sys = {
    // A style may ask for a locale that is not loaded (its default-locale): en-US terms then, not a crash.
    retrieveLocale: (lang: string) => style.locales[lang] ?? style.locales['en-US'],
    retrieveItem: (id: string) => items.get(id),
  };
  let citeproc: InstanceType<typeof CSL.Engine>;
  try {
    citeproc = new CSL.Engine(sys, style.styleXml, style.lang, style.forceLang);
  } catch (error) {
    throw new Error(
      l10n.t(
        'Lectern: the citation style {0} could not be used ({1}); fix it, or choose another style (setting lectern.citation.style, or --style in the CLI).',
        style.file,
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
  const engine: Engine = { citeproc, items, hasBibliography: /<bibliography\b/.test(style.styleXml) };
  if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value!);
  engines.set(key, engine);
  return engine;
}

function prepare(style: CitationStyle, item: CslItem, markup: CitationMarkup): Engine {
  const engine = engineFor(style);
  const record = JSON.stringify(item);
  engine.citeproc.setOutputFormat(markup === 'markdown' ? 'markdown' : 'text');
  if (engine.items.size === 1 && engine.lastRecord === record) return engine;
  engine.items.clear();
  // citeproc-js may annotate the objects it is given; the caller's record stays untouched.
  engine.items.set(item.id, JSON.parse(record) as CslItem);
  engine.lastRecord = record;
  // citeproc-js keeps an item it already holds under the same id; emptying the registry first
  // makes it read the record again (it may have changed: a reloaded corpus, another paper with that key).
  engine.citeproc.updateItems([]);
  engine.citeproc.updateItems([item.id]);
  return engine;
}

/**
 * One item's entry in the style's bibliography (its reference list), e.g. in APA 7th
 * `Smith, J. A. (2020). Ocean acidification. *Marine Chemistry*, *221*, 103–118. https://doi.org/…`.
 * A style without a bibliography (some note styles) gives its citation instead.
 */
export function renderReference(style: CitationStyle, item: CslItem, markup: CitationMarkup): string {
  const engine = prepare(style, item, markup);
  const bibliography = engine.hasBibliography ? engine.citeproc.makeBibliography() : false;
  if (!bibliography) return engine.citeproc.makeCitationCluster([{ id: item.id }]).trim();
  return bibliography[1].join('').trim();
}

/** The item's in-text citation in the style, e.g. `(Smith & Jones, 2020)` in APA 7th. */
export function renderInText(style: CitationStyle, item: CslItem, markup: CitationMarkup): string {
  return prepare(style, item, markup)
    .citeproc.makeCitationCluster([{ id: item.id }])
    .trim();
}

/** Builds (and caches) the style's engine ahead of use, so a broken style is found early. Returns the problem, if any. */
export function warmUpStyle(style: CitationStyle): string | undefined {
  try {
    engineFor(style);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
