/**
 * Where an XML document first breaks the well-formedness rules, for a message the user can act on.
 * Lines and columns are 1-based.
 */
import * as l10n from '@vscode/l10n';

export interface XmlError {
  line: number;
  column: number;
  /** What is wrong, in a few words: "`</info>` closes `<title>`", "unexpected end of file inside `<style>`". */
  reason: string;
}

/** The first element of a well-formed document: its name (with prefix) and its attributes. */
export interface XmlRoot {
  name: string;
  attributes: Record<string, string>;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:[A-Za-z_][\w.-]*|#\d+|#x[\da-fA-F]+);/y;

/**
 * Checks that `text` is well-formed XML: one root element, tags that nest and close, quoted
 * attributes, comments, processing instructions and CDATA that end, entity references that
 * are complete. CSL styles and locales are plain XML without DTDs, so this is all a parser
 * would reject them for (citeproc-js's own reader accepts broken files silently). Returns the
 * root element, or the first error with its position.
 *
 * @example
 * ```ts
 * checkXml('<style>\n  <info>\n</style>');
 * // → { error: { line: 3, column: 1, reason: '`</style>` closes `<info>` (opened at line 2)' } }
 * ```
 */
export function checkXml(text: string): { root?: XmlRoot; error?: XmlError } {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (offset: number, reason: string): { error: XmlError } => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line += 1;
    return { error: { line: line + 1, column: offset - lineStarts[line] + 1, reason } };
  };
  const lineOf = (offset: number) => at(offset, '').error.line;
  const open: Array<{ name: string; offset: number }> = [];
  let root: XmlRoot | undefined;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? text.length : lt;
    const textProblem = checkText(text, pos, textEnd, open.length > 0);
    if (textProblem) return at(textProblem.offset, textProblem.reason);
    if (lt < 0) break;
    const special = skipSpecial(text, lt);
    if (special) {
      if (special.end < 0) return at(lt, special.unclosed());
      pos = special.end;
      continue;
    }
    if (text[lt + 1] === '/') {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0];
      const close = name ? /^\s*>/.exec(text.slice(lt + 2 + name.length, lt + 2 + name.length + 64)) : null;
      if (!name || !close) return at(lt, l10n.t('a closing tag is malformed'));
      const top = open.pop();
      if (!top) return at(lt, l10n.t('`</{0}>` closes nothing', name));
      if (top.name !== name) return at(lt, l10n.t('`</{0}>` closes `<{1}>` (opened at line {2})', name, top.name, lineOf(top.offset)));
      pos = lt + 2 + name.length + close[0].length;
      continue;
    }
    const tag = readStartTag(text, lt);
    if ('reason' in tag) return at(tag.offset, tag.reason);
    if (open.length === 0) {
      if (root) return at(lt, l10n.t('a second root element `<{0}>` follows `<{1}>`', tag.name, root.name));
      root = { name: tag.name, attributes: tag.attributes };
    }
    if (!tag.selfClosing) open.push({ name: tag.name, offset: lt });
    pos = tag.end;
  }
  if (open.length > 0) {
    const top = open[open.length - 1];
    return at(text.length, l10n.t('the file ends inside `<{0}>` (opened at line {1})', top.name, lineOf(top.offset)));
  }
  if (!root) return at(0, l10n.t('there is no root element'));
  return { root };
}

/** Character data: no stray `&`, nothing but white space outside the root element. */
function checkText(text: string, start: number, end: number, insideRoot: boolean): { offset: number; reason: string } | undefined {
  for (let i = text.indexOf('&', start); i >= 0 && i < end; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) return { offset: i, reason: l10n.t('`&` does not start an entity (write `&amp;`)') };
  }
  if (!insideRoot) {
    const stray = /\S/.exec(text.slice(start, end));
    if (stray) return { offset: start + stray.index, reason: l10n.t('text outside the root element') };
  }
  return undefined;
}

/** Comments, processing instructions, CDATA and DOCTYPE: where they end (-1: never). */
function skipSpecial(text: string, lt: number): { unclosed: () => string; end: number } | undefined {
  const forms: Array<[string, string, () => string]> = [
    ['<!--', '-->', () => l10n.t('a comment is not closed')],
    ['<?', '?>', () => l10n.t('a processing instruction is not closed')],
    ['<![CDATA[', ']]>', () => l10n.t('a CDATA section is not closed')],
    ['<!DOCTYPE', '>', () => l10n.t('the DOCTYPE is not closed')],
  ];
  for (const [opener, closer, unclosed] of forms) {
    if (!text.startsWith(opener, lt)) continue;
    const end = text.indexOf(closer, lt + opener.length);
    return { unclosed, end: end < 0 ? -1 : end + closer.length };
  }
  return undefined;
}

type StartTag = { name: string; attributes: Record<string, string>; selfClosing: boolean; end: number };

function readStartTag(text: string, lt: number): StartTag | { offset: number; reason: string } {
  NAME.lastIndex = lt + 1;
  const name = NAME.exec(text)?.[0];
  if (!name) return { offset: lt, reason: l10n.t('`<` does not start a tag (write `&lt;`)') };
  const attributes: Record<string, string> = {};
  let pos = lt + 1 + name.length;
  for (;;) {
    ATTRIBUTE.lastIndex = pos;
    const attribute = ATTRIBUTE.exec(text);
    if (!attribute) break;
    const at = pos + attribute[0].search(/\S/);
    if (attribute[1] in attributes) return { offset: at, reason: l10n.t('attribute `{0}` is given twice', attribute[1]) };
    const value = attribute[2] ?? attribute[3];
    const amp = value.search(/&(?![A-Za-z_][\w.-]*;|#\d+;|#x[\da-fA-F]+;)/);
    if (amp >= 0) return { offset: at, reason: l10n.t('`&` in attribute `{0}` does not start an entity', attribute[1]) };
    attributes[attribute[1]] = value;
    pos = ATTRIBUTE.lastIndex;
  }
  const close = /\s*(\/?)>/y;
  close.lastIndex = pos;
  const end = close.exec(text);
  if (!end) return { offset: pos, reason: l10n.t('the tag `<{0}>` is malformed (an attribute needs name="value")', name) };
  return { name, attributes, selfClosing: end[1] === '/', end: close.lastIndex };
}
