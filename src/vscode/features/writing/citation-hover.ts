import * as vscode from 'vscode';
import { formatCitation } from '../../../core/cite/format-citation';
import type { Paper } from '../../../core/model/paper';
import { paperCommandLinks } from '../shared/markdown-text';

const ABSTRACT_CHARS = 300;

/** Markdown punctuation escaped, except the `*` of the reference's italics (`*Journal*`). */
function escapeReference(text: string): string {
  return text.replace(/[\\`_{}[\]()#+\-.!|<>~&"$]/g, '\\$&');
}

/** The first `max` characters of `text`, cut at a word boundary, with `…`. */
function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * A cited paper as hover or completion documentation: its formatted reference (APA, through
 * `formatCitation`), its citation key, the start of its abstract and, in hovers, links to open
 * the paper or its note (trusted for those two commands only).
 */
export function citationMarkdown(paper: Paper, options: { links: boolean }): vscode.MarkdownString {
  // Theme icons on before any text goes in, so `appendText` escapes `$(…)` in abstracts.
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: ['lectern.openPaper', 'lectern.openNote'] };
  md.appendMarkdown(`${escapeReference(formatCitation(paper, 'apa'))}\n\n`);
  const abstract = excerpt(paper.abstract ?? '', ABSTRACT_CHARS);
  if (abstract) {
    md.appendText(abstract);
    md.appendMarkdown('\n\n');
  }
  const key = paper.citeKey?.trim();
  if (options.links) {
    md.appendMarkdown(paperCommandLinks(paper.id));
    if (key) md.appendMarkdown(` · \`@${key}\``);
  }
  return md;
}
