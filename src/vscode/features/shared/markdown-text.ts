/**
 * Backslash-escapes markdown punctuation (and `$`, so `$(icon)` in a title is not drawn as a theme
 * icon) so that text from a corpus renders as text in hovers and tooltips. Pure: no `vscode` import.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"$]/g, '\\$&');
}
