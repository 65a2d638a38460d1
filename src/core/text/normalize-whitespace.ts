/** Collapses runs of whitespace (hard line breaks in arXiv titles, tabs in BibTeX) to single spaces. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
