import * as l10n from '@vscode/l10n';
import type { Diagnostic } from '../core/model/diagnostic';

/** Terminal styling, off when output is piped or NO_COLOR is set. */
export interface Style {
  mark(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function styleFor(stream: NodeJS.WriteStream): Style {
  const color = Boolean(stream.isTTY) && !process.env.NO_COLOR;
  return color
    ? { mark: (t) => `\x1b[1;33m${t}\x1b[0m`, dim: (t) => `\x1b[2m${t}\x1b[0m`, bold: (t) => `\x1b[1m${t}\x1b[0m` }
    : { mark: (t) => `[${t}]`, dim: (t) => t, bold: (t) => t };
}

/** Wraps the given `[start, end)` ranges of `text` in `style.mark`. */
export function markRanges(text: string, ranges: Array<[number, number]>, style: Style): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue;
    out += text.slice(at, start) + style.mark(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

/** Left-aligned columns; the last column is not padded. */
export function table(rows: string[][], widths?: number[]): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes are made of control characters
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const cols = rows[0]?.length ?? 0;
  const w = widths ?? Array.from({ length: cols }, (_, c) => Math.max(...rows.map((r) => visible(r[c] ?? ''))));
  return rows
    .map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, w[c] - visible(cell))))).join('  '))
    .join('\n');
}

/** The things the CLI counts, each as a whole message in the singular and the plural so each can be translated. */
const COUNTS = {
  paper: (n: string) => l10n.t('{0} papers', n),
  diagnostic: (n: string) => l10n.t('{0} diagnostics', n),
  error: (n: string) => l10n.t('{0} errors', n),
  topic: (n: string) => l10n.t('{0} topics', n),
};
const ONE = {
  paper: () => l10n.t('1 paper'),
  diagnostic: () => l10n.t('1 diagnostic'),
  error: () => l10n.t('1 error'),
  topic: () => l10n.t('1 topic'),
};

/** "1 paper", "2 papers", "1,000 papers": a count with its noun, singular or plural. */
export function countOf(n: number, noun: keyof typeof COUNTS): string {
  return n === 1 ? ONE[noun]() : COUNTS[noun](n.toLocaleString('en-US'));
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
