import * as l10n from '@vscode/l10n';
import type { Diagnostic, ImportResult } from '../model/diagnostic';
import type { ImportedPaper } from '../model/paper';
import { latexToUnicode } from '../text/latex-to-unicode';
import { normalizeWhitespace } from '../text/normalize-whitespace';
import { damagedRecordMessage, defaultImportContext, type DamagedByte, type ImportContext } from './import-limits';

/**
 * Reads a saved "daily papers" page: a few header lines (site name, a date), then for each
 * paper a title line followed by an abstract line, blank lines between. A paper's abstract is
 * recognised by its shape (a long run of sentences), which lets the header be any length and a
 * paper that lost its abstract be reported without shifting every pair after it. A record is one
 * title line with its abstract line: a byte that is not text in either skips that paper alone.
 */
export function importDailyPapers(file: string, text: string, context: ImportContext = defaultImportContext()): ImportResult {
  const papers: ImportedPaper[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = nonEmptyLines(text);
  const firstTitle = lines.findIndex(
    (line, i) => i + 1 < lines.length && looksLikeAbstract(lines[i + 1].text) && !looksLikeAbstract(line.text),
  );
  if (firstTitle < 0) {
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      message: l10n.t(
        'Lectern: {0} holds no title line followed by an abstract line; a daily-papers page lists each paper as its title on one line and its abstract on the next.',
        file,
      ),
    });
    return { papers, diagnostics };
  }
  let i = firstTitle;
  while (i < lines.length) {
    const title = lines[i];
    const next = lines[i + 1];
    if (looksLikeAbstract(title.text)) {
      diagnostics.push({
        file,
        line: title.line,
        column: 1,
        severity: 'warning',
        message: l10n.t(
          "Lectern: line {0} of {1} looks like an abstract with no title line before it; it was skipped. Put the paper's title on the line above it.",
          title.line,
          file,
        ),
      });
      i += 1;
      continue;
    }
    const pair = next && looksLikeAbstract(next.text) ? [title, next] : [title];
    const tooLong = pair.find((l) => l.text.length > context.limits.maxFieldChars);
    if (tooLong) {
      diagnostics.push({
        file,
        line: tooLong.line,
        column: 1,
        severity: 'warning',
        message: tooLongMessage(file, tooLong, context.limits.maxFieldChars, title.text),
      });
      i += pair.length;
      continue;
    }
    const damaged = pair.map((l) => ({ line: l, byte: context.damage.firstIn(l.offset, l.offset + l.length) })).find((d) => d.byte);
    if (damaged?.byte) {
      diagnostics.push(damagedPair(file, damaged.line, damaged.byte, title));
      i += pair.length;
      continue;
    }
    if (!next || !looksLikeAbstract(next.text)) {
      diagnostics.push({
        file,
        line: title.line,
        column: 1,
        severity: 'warning',
        message: l10n.t(
          'Lectern: "{0}" (line {1}) has no abstract line after it; it was loaded without an abstract. Add the abstract on the next line.',
          shorten(title.text),
          title.line,
        ),
      });
      papers.push(paperFrom(file, title, undefined));
      i += 1;
      continue;
    }
    papers.push(paperFrom(file, title, next));
    i += 2;
  }
  return { papers, diagnostics };
}

function damagedPair(file: string, at: NumberedLine, byte: DamagedByte, title: NumberedLine): ImportResult['diagnostics'][number] {
  const where = { line: at.line, column: byte.offset - at.offset + 1 };
  const message = damagedRecordMessage(
    file,
    where,
    byte,
    l10n.t('the paper "{0}" (line {1})', shorten(title.text.replace(/\uFFFD/g, '?')), title.line),
  );
  return { file, line: where.line, column: where.column, severity: 'error', message };
}

interface NumberedLine {
  /** The line, trimmed. */
  text: string;
  line: number;
  /** Offset of the line's first character, and its untrimmed length. */
  offset: number;
  length: number;
}

function nonEmptyLines(text: string): NumberedLine[] {
  const result: NumberedLine[] = [];
  let lineNumber = 0;
  for (const match of text.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    lineNumber += 1;
    const trimmed = match[1].trim();
    if (trimmed) result.push({ text: trimmed, line: lineNumber, offset: match.index, length: match[1].length });
    if (!match[2]) break;
  }
  return result;
}

/** Abstracts are paragraphs: many words and at least one sentence end. Titles rarely pass both. */
function looksLikeAbstract(text: string): boolean {
  const words = text.split(/\s+/).length;
  return words >= 30 && /[.!?)\]]\s|[.!?]$/.test(text);
}

/** A daily-papers page gives a title and an abstract: the record is an article with its title. */
function paperFrom(file: string, title: NumberedLine, abstract: NumberedLine | undefined): ImportedPaper {
  const text = normalizeWhitespace(latexToUnicode(title.text));
  return {
    title: text,
    csl: { id: '', type: 'article', title: text },
    authors: [],
    abstract: abstract ? normalizeWhitespace(latexToUnicode(abstract.text)) : '',
    keywords: [],
    categories: [],
    topics: [],
    source: { file, line: title.line },
  };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function tooLongMessage(file: string, line: { line: number; text: string }, maxChars: number, title: string): string {
  return l10n.t(
    'Lectern: line {0} of {1} is {2} characters long, over the limit of {3} for one field; the paper "{4}" was skipped. Shorten the line.',
    line.line,
    file,
    line.text.length.toLocaleString('en-US'),
    maxChars.toLocaleString('en-US'),
    shorten(title),
  );
}
