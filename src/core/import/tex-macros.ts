/**
 * TeX macros a BibTeX file defines in its `@preamble`, for the commands its own fields use: `\noopsort`, the sorting
 * trick BibTeX's documentation teaches (`{\noopsort{a}}Zeta` sorts first and reads "Zeta"), a journal's `\proglang{R}`,
 * a group's `\MaxMinAntSystem`. Without them such a title would show the commands as typed.
 */

/** One definition: its number of arguments and its body (`#1` … `#9` where the arguments go). */
interface TexMacro {
  args: number;
  body: string;
}

/** `\newcommand{\name}[2][default]{`, `\providecommand\name{`, `\renewcommand*{\name}{`. */
const COMMAND_DEFINITION =
  /\\(new|renew|provide)command\*?\s*(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*(?:\[\s*(\d)\s*\])?\s*(?:\[[^\]]*\]\s*)?\{/g;
/** `\def\name{` or `\def\name#1#2{`. */
const DEF = /\\def\s*\\([A-Za-z]+)((?:#\d)*)\s*\{/g;
/** Expansion passes at most: a macro built on another expands in the next pass. */
const MAX_PASSES = 8;

/**
 * The macros of one file's `@preamble`s, applied to its fields' raw values before their TeX is read.
 *
 * @example const macros = new TexMacros(); macros.define('\\newcommand{\\noopsort}[1]{}'); macros.expand('{\\noopsort{a}}Zeta') // '{}Zeta'
 */
export class TexMacros {
  private readonly macros = new Map<string, TexMacro>();
  private pattern: RegExp | undefined;

  /** @param maxChars a field expanded past this many characters keeps its text as written (a macro bomb). */
  constructor(private readonly maxChars = 1024 * 1024) {}

  /** Reads the definitions in a `@preamble`'s text (values joined); a `\providecommand` keeps an earlier definition. */
  define(preamble: string): void {
    for (const match of preamble.matchAll(COMMAND_DEFINITION)) {
      const body = bracedAt(preamble, match.index + match[0].length - 1);
      const name = match[2] ?? match[3];
      if (body === undefined || (match[1] !== 'renew' && this.macros.has(name))) continue;
      this.macros.set(name, { args: Number(match[4] ?? 0), body: body.text });
    }
    for (const match of preamble.matchAll(DEF)) {
      const body = bracedAt(preamble, match.index + match[0].length - 1);
      if (body !== undefined) this.macros.set(match[1], { args: match[2].length / 2, body: body.text });
    }
    const names = [...this.macros.keys()].sort((a, b) => b.length - a.length);
    this.pattern = names.length > 0 ? new RegExp(`\\\\(${names.join('|')})(?![A-Za-z])`, 'g') : undefined;
  }

  /**
   * A field's raw value with the defined commands replaced by their bodies (arguments in place); as written when it uses
   * none, or when the expansion grows past `maxChars` or does not end (a macro bomb, a macro defined by itself).
   */
  expand(value: string): string {
    const pattern = this.pattern;
    if (!pattern || !value.includes('\\')) return value;
    let text = value;
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const next = this.expandOnce(text, pattern);
      if (next === text) return text;
      if (next.length > this.maxChars) return value;
      text = next;
    }
    // Still expanding after every pass: a macro defined in terms of itself.
    return value;
  }

  private expandOnce(text: string, pattern: RegExp): string {
    let out = '';
    let from = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const macro = this.macros.get(match[1])!;
      let end = match.index + match[0].length;
      const args: string[] = [];
      while (args.length < macro.args) {
        const arg = argumentAt(text, end);
        if (arg === undefined) break;
        args.push(arg.text);
        end = arg.end;
      }
      if (args.length < macro.args) continue; // used without its arguments: left as written
      out += text.slice(from, match.index) + macro.body.replace(/#(\d)/g, (_m, n: string) => args[Number(n) - 1] ?? '');
      from = end;
      pattern.lastIndex = end;
    }
    return from === 0 ? text : out + text.slice(from);
  }
}

/** The group `{…}` opening at `open`, its inside and the offset past it; undefined when it never closes. */
function bracedAt(text: string, open: number): { text: string; end: number } | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') i += 1;
    else if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return { text: text.slice(open + 1, i), end: i + 1 };
  }
  return undefined;
}

/** A command's argument from `at`: a braced group, else one character (TeX's token), after spaces. */
function argumentAt(text: string, at: number): { text: string; end: number } | undefined {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i += 1;
  if (i >= text.length || text[i] === '}') return undefined;
  return text[i] === '{' ? bracedAt(text, i) : { text: text[i], end: i + 1 };
}
