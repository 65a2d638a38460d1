import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateBundledStyles } from './package-files';
import { resolveCitationStyle, type CitationFile, type ResolvedCitationStyle } from '../core/cite/citation-style';

/** What `--style` and `--locale` name: a `.csl` file (or `apa`), and a locale code or `.xml` file. */
export interface CitationStyleOptions {
  style?: string;
  locale?: string;
}

/**
 * The citation style for the CLI: the bundled APA 7th and en-US (`media/csl/`, found beside the
 * bundle), or the `.csl` and locale files named, read with Node's fs and checked by the core.
 */
export function loadCitationStyle(options: CitationStyleOptions = {}): ResolvedCitationStyle {
  const folder = locateBundledStyles();
  if (!folder) throw new Error(l10n.t('Lectern: the bundled citation style (media/csl/apa.csl) is missing; reinstall Lectern.'));
  const style = options.style?.trim();
  const locale = options.locale?.trim();
  return resolveCitationStyle({
    bundledStyle: readFileSync(join(folder, 'apa.csl'), 'utf8'),
    bundledLocale: readFileSync(join(folder, 'locales-en-US.xml'), 'utf8'),
    style: style && style.toLowerCase() !== 'apa' ? readCitationFile(style) : undefined,
    locale: locale && /[/\\]|\.xml$/i.test(locale) ? readCitationFile(locale) : locale,
  });
}

function readCitationFile(file: string): CitationFile {
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { file, readError: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : String(error) };
  }
}
