import { isKnownLatexCommand } from '../text/latex-to-unicode';
import { abstractText, cleanText, looksLikeHtml, stripHtml } from './import-helpers';

const ESCAPED_BACKSLASH = /\$\\backslash\$([A-Za-z]*)/g;
/** Math Mendeley escaped whole: `{\$}\backslashtau=1{\$}` for `$\tau=1$`. */
const ESCAPED_MATH = /\{\\\$\}([^{}$]*?\\backslash[^$]*?)\{\\\$\}/g;

/**
 * A raw field value with the backslashes Mendeley escapes read back. Mendeley writes a backslash its record holds as
 * `$\backslash$`: of a LaTeX command the text held (`$\backslash$textit{\{}C. elegans{\}}` → `\textit{C. elegans}`, read on as
 * TeX), or of a line break an earlier import left as two characters (PubMed's `…a Cytoscape plugin.\n\nAVAILABILITY:`,
 * ISBNs joined by `\r`), which is white space. Any other is a backslash (`\textbackslash{}`). Math escaped whole
 * (`{\$}\backslashtau=1{\$}`) is math again (`$\tau=1$`).
 */
export function unescapeBackslashes(value: string): string {
  if (!value.includes('\\backslash')) return value;
  let commands = false;
  const read = value
    .replace(ESCAPED_MATH, (_match, math: string) => `$${math.replaceAll('\\backslash', '\\')}$`)
    .replace(ESCAPED_BACKSLASH, (_match, letters: string) => {
      if (isKnownLatexCommand(letters)) {
        commands = true;
        return `\\${letters}`;
      }
      if (/^[nrt]/.test(letters)) return ` ${letters.slice(1)}`;
      return `\\textbackslash{}${letters}`;
    });
  // The text held TeX, so the braces Mendeley escaped with it (`{\{}`, `{\}}`) are its commands' braces.
  return commands ? read.replaceAll('{\\{}', '{').replaceAll('{\\}}', '}') : read;
}

/** BibTeX text: case-protection braces go too, including an outer pair around the whole value (`{{Title}}`). */
export function bibText(text: string | undefined): string {
  return cleanText(text ? unwrapOuterBraces(text) : text, true);
}

/**
 * A title or abstract as text: reference managers export a publisher's HTML as it came (`<i>C. elegans</i>`,
 * `{\textless}span class="inline-formula"{\textgreater}CH$_4${\textless}/span{\textgreater}`, `&thinsp;`), read here as the text it
 * marks up. Text that only looks like a tag stays (`<v>`, `p<0.05`).
 */
export function bibMarkupText(text: string | undefined, keep?: ReadonlySet<string>): string {
  const read = bibText(text);
  return looksLikeHtml(read) ? cleanText(stripHtml(read, keep)) : read;
}

/** Tags an abstract keeps: the reader shows them ("CO<sub>2</sub>"), and they are not words. */
const ABSTRACT_TAGS: ReadonlySet<string> = new Set(['sub', 'sup']);

/**
 * An abstract: its markup read as text but for subscripts and superscripts, without the label publishers put before it
 * ("Abstract.", "ABSTRACT:").
 */
export function bibAbstract(text: string | undefined): string {
  return abstractText(bibMarkupText(text, ABSTRACT_TAGS));
}

/** `{{A title with $\epsilon$ math}}` → `A title with $\epsilon$ math`: braces that wrap the whole value. One pass. */
function unwrapOuterBraces(text: string): string {
  const value = text.trim();
  if (!value.startsWith('{') || !value.endsWith('}')) return value;
  let leading = 0;
  while (value[leading] === '{') leading++;
  // Where each of the leading braces closes.
  // Stryker disable next-line ArrayDeclaration,UnaryOperator: an unset slot (undefined, or 1 for +1) is never the last index a wrapper needs
  const closes = new Array<number>(leading).fill(-1);
  // Stryker disable next-line ArrayDeclaration: an extra bottom entry is popped only by an unmatched `}`, and is no leading brace's index
  const stack: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '{') stack.push(i);
    else if (c === '}') {
      const open = stack.pop();
      // Stryker disable next-line LogicalOperator: `open` is undefined only for an unmatched `}`, which then sets an unread `closes.undefined`
      if (open !== undefined && open < leading) closes[open] = i;
    }
  }
  let wrappers = 0;
  while (wrappers < leading && closes[wrappers] === value.length - 1 - wrappers) wrappers++;
  return wrappers === 0 ? value : value.slice(wrappers, value.length - wrappers).trim();
}
