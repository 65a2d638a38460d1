import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../model/diagnostic';
import { checkXml } from './xml-well-formed';

/**
 * A CSL style ready for the citation processor: the style's XML and the locale XML it formats
 * with. Built by {@link resolveCitationStyle}, which checks both; the default is the bundled
 * APA 7th edition in en-US.
 *
 * @example
 * ```ts
 * const { style } = resolveCitationStyle({ bundledStyle: apaXml, bundledLocale: enUsXml });
 * style.title; // → 'APA Style 7th edition'
 * style.lang; // → 'en-US'
 * ```
 */
export interface CitationStyle {
  /** The style's `<title>`, e.g. "APA Style 7th edition". */
  title: string;
  /** Where the style came from: `bundled`, or the `.csl` file as the caller named it. */
  file: string;
  styleXml: string;
  /** The language references are formatted in (the locale's `xml:lang`), e.g. `en-US`. */
  lang: string;
  /** Locale XML by language: always `en-US` (the processor's fallback), plus the chosen locale. */
  locales: Record<string, string>;
  /** True when the user chose the locale: it then overrides the style's own `default-locale`. */
  forceLang: boolean;
}

/** A style or locale file the host read (or failed to read). */
export interface CitationFile {
  /** The path shown in messages and used for Problems, e.g. `styles/chicago.csl`. */
  file: string;
  /** The file's text; absent when it could not be read. */
  text?: string;
  /** Why the file could not be read ("not found"), when `text` is absent. */
  readError?: string;
}

/** What {@link resolveCitationStyle} works from: the bundled APA and en-US, and what the settings name. */
export interface CitationStyleRequest {
  /** The bundled `apa.csl`. */
  bundledStyle: string;
  /** The bundled `locales-en-US.xml`. */
  bundledLocale: string;
  /** A `.csl` file the user named (`lectern.citation.style`); absent for the bundled APA. */
  style?: CitationFile;
  /** A locale code (`en-US`, the default) or a locale file the user named (`lectern.citation.locale`). */
  locale?: string | CitationFile;
}

/** The resolved style, and what was wrong with the request (the style then falls back to APA, the locale to en-US). */
export interface ResolvedCitationStyle {
  style: CitationStyle;
  /** Problems in a named file, with its line. */
  diagnostics: Diagnostic[];
  /** Problems with a setting's value that names no file (an unknown locale code). */
  notices: string[];
}

const BUNDLED_LANG = 'en-US';
const APA = 'APA 7th edition';

/**
 * Checks the style and locale the settings name and builds the {@link CitationStyle}. A style that
 * is not well-formed XML, not a CSL style, or a dependent style (only a link to its parent) is
 * reported with its file and line and replaced by the bundled APA; a locale code other than the
 * bundled en-US, or a locale file that does not parse, is reported and replaced by en-US. Never throws.
 */
export function resolveCitationStyle(request: CitationStyleRequest): ResolvedCitationStyle {
  const diagnostics: Diagnostic[] = [];
  const notices: string[] = [];
  const locales: Record<string, string> = { [BUNDLED_LANG]: request.bundledLocale };
  let lang = BUNDLED_LANG;
  let forceLang = false;
  if (typeof request.locale === 'string') {
    const code = request.locale.trim();
    if (code && code.toLowerCase() !== BUNDLED_LANG.toLowerCase())
      notices.push(
        l10n.t(
          'Lectern: the citation locale "{0}" is not bundled (Lectern ships en-US). Download locales-{0}.xml from https://github.com/citation-style-language/locales into the workspace and name that file instead (setting lectern.citation.locale, or --locale in the CLI); using en-US meanwhile.',
          code,
        ),
      );
  } else if (request.locale) {
    const locale = checkLocale(request.locale, diagnostics);
    if (locale) {
      locales[locale.lang] = locale.xml;
      lang = locale.lang;
      forceLang = true;
    }
  }
  const custom = request.style ? checkStyle(request.style, diagnostics) : undefined;
  const wanted = custom && !forceLang ? /<style\b[^>]*\bdefault-locale\s*=\s*["']([^"']+)["']/.exec(custom.xml)?.[1] : undefined;
  if (wanted && !(wanted in locales))
    notices.push(
      l10n.t(
        'Lectern: the citation style {0} is written for the locale {1}, which is not bundled (Lectern ships en-US); its terms and dates come out in English. Download locales-{1}.xml from https://github.com/citation-style-language/locales and name that file as the locale (setting lectern.citation.locale, or --locale in the CLI).',
        request.style!.file,
        wanted,
      ),
    );
  const style: CitationStyle = custom
    ? { title: custom.title, file: request.style!.file, styleXml: custom.xml, lang, locales, forceLang }
    : { title: titleOf(request.bundledStyle) ?? APA, file: 'bundled', styleXml: request.bundledStyle, lang, locales, forceLang };
  return { style, diagnostics, notices };
}

function checkStyle(source: CitationFile, diagnostics: Diagnostic[]): { xml: string; title: string } | undefined {
  const fail = (line: number, column: number, message: string) => {
    diagnostics.push({ file: source.file, line, column, severity: 'error', message: `${message} Using ${APA} meanwhile.` });
    return undefined;
  };
  if (source.text === undefined)
    return fail(
      1,
      1,
      l10n.t(
        'Lectern: cannot read the citation style {0} ({1}); check the path (setting lectern.citation.style, or --style in the CLI).',
        source.file,
        source.readError ?? l10n.t('unreadable'),
      ),
    );
  const xml = source.text;
  const { root, error } = checkXml(xml);
  if (error)
    return fail(
      error.line,
      error.column,
      l10n.t(
        'Lectern: the citation style {0} is not well-formed XML at line {1}, column {2}: {3}. Fix the file, or choose another style (setting lectern.citation.style, or --style in the CLI).',
        source.file,
        error.line,
        error.column,
        error.reason,
      ),
    );
  if (root!.name !== 'style')
    return fail(
      1,
      1,
      l10n.t(
        'Lectern: {0} is not a CSL style (its root element is <{1}>, not <style>); name a .csl file instead (setting lectern.citation.style, or --style in the CLI).',
        source.file,
        root!.name,
      ),
    );
  const parent = /<link\b[^>]*\brel\s*=\s*["']independent-parent["'][^>]*>/.exec(xml);
  const hasCitation = /<citation\b/.test(xml);
  if (parent && !hasCitation) {
    const href = /\bhref\s*=\s*["']([^"']*)["']/.exec(parent[0])?.[1] ?? 'its parent';
    const { line, column } = positionOf(xml, parent.index);
    return fail(
      line,
      column,
      l10n.t(
        'Lectern: {0} is a dependent CSL style: it only points to its parent style {1}. Download that parent style (the .csl file of the same name in https://github.com/citation-style-language/styles) into the workspace and use it instead (setting lectern.citation.style, or --style in the CLI).',
        source.file,
        href,
      ),
    );
  }
  if (!hasCitation)
    return fail(
      1,
      1,
      l10n.t(
        'Lectern: the citation style {0} has no <citation> element, so it cannot format citations; name a complete .csl file instead (setting lectern.citation.style, or --style in the CLI).',
        source.file,
      ),
    );
  return { xml, title: titleOf(xml) ?? source.file };
}

function checkLocale(source: CitationFile, diagnostics: Diagnostic[]): { xml: string; lang: string } | undefined {
  const fail = (line: number, column: number, message: string) => {
    diagnostics.push({ file: source.file, line, column, severity: 'error', message: `${message} Using en-US meanwhile.` });
    return undefined;
  };
  if (source.text === undefined)
    return fail(
      1,
      1,
      l10n.t(
        'Lectern: cannot read the citation locale {0} ({1}); check the path (setting lectern.citation.locale, or --locale in the CLI).',
        source.file,
        source.readError ?? l10n.t('unreadable'),
      ),
    );
  const { root, error } = checkXml(source.text);
  if (error)
    return fail(
      error.line,
      error.column,
      l10n.t(
        'Lectern: the citation locale {0} is not well-formed XML at line {1}, column {2}: {3}. Fix the file, or name another locale (setting lectern.citation.locale, or --locale in the CLI).',
        source.file,
        error.line,
        error.column,
        error.reason,
      ),
    );
  const lang = root!.attributes['xml:lang'];
  if (root!.name !== 'locale' || !lang)
    return fail(
      1,
      1,
      l10n.t(
        'Lectern: {0} is not a CSL locale (a <locale xml:lang="…"> file such as locales-de-DE.xml); name one instead (setting lectern.citation.locale, or --locale in the CLI).',
        source.file,
      ),
    );
  return { xml: source.text, lang };
}

function titleOf(xml: string): string | undefined {
  const title = /<title>([^<]*)<\/title>/.exec(xml)?.[1]?.trim();
  return title ? title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : undefined;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
