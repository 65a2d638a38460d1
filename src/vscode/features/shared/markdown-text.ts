import * as l10n from '@vscode/l10n';

/**
 * Backslash-escapes markdown punctuation (and `$`, so `$(icon)` in a title is not drawn as a theme
 * icon) so that text from a corpus renders as text in hovers and tooltips. Pure: no `vscode` import.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"$]/g, '\\$&');
}

/**
 * The "Open · Open Note" command links at the end of a paper's hover (in notes and in drafts), translated.
 * Hovers using it must be `isTrusted` for these two commands.
 */
export function paperCommandLinks(paperId: string): string {
  const args = encodeURIComponent(JSON.stringify([paperId]));
  return l10n.t(
    '[$(book) Open](command:lectern.openPaper?{0} "Open in Lectern") · [$(note) Open Note](command:lectern.openNote?{0} "Open or create the note for this paper")',
    args,
  );
}
