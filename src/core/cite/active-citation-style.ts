import * as l10n from '@vscode/l10n';
import type { CitationStyle } from './citation-style';

let active: CitationStyle | undefined;

/**
 * Sets the style {@link formatCitation} uses when it is given none: the host (the extension, from
 * `lectern.citation.*`; the CLI, from `--style`/`--locale`) calls this at start-up and when the
 * settings change. The core reads no files itself, so until a host sets one there is none.
 */
export function useCitationStyle(style: CitationStyle): void {
  active = style;
}

/** The style set by {@link useCitationStyle}; throws a `Lectern:` error when no host has set one. */
export function activeCitationStyle(): CitationStyle {
  if (!active)
    throw new Error(l10n.t('Lectern: no citation style is loaded yet; the extension or CLI loads the bundled APA 7th style at start-up.'));
  return active;
}
