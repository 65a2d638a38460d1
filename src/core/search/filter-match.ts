import { scanWords } from '../text/tokenize';

/** Folded words of a name, joined by single spaces, for `topic:` and `author:` matching. */
export function foldedWords(text: string): string {
  const out: string[] = [];
  for (const word of scanWords(text)) for (const part of word.parts) if (part.folded) out.push(part.folded);
  return out.join(' ');
}

/** `value` (folded words) starts `name` (folded words) or one of its words. */
export function matchesAtWordStart(name: string, value: string): boolean {
  if (!value) return false;
  return name.startsWith(value) || name.includes(` ${value}`);
}

/** Case- and separator-insensitive form of a tag or status: `To Read`, `to-read` and `#toread` all give `toread`. */
export function looseKey(text: string): string {
  return foldedWords(text.replace(/^#/, '')).replace(/ /g, '');
}

/** Whether a paper's tag matches a `tag:` value: the same tag, a child of it (`ml/vision` for `ml`), or the same loose key. */
export function tagMatches(tag: string, value: string): boolean {
  const t = tag.replace(/^#/, '').toLowerCase();
  const v = value.replace(/^#/, '').toLowerCase();
  if (t === v || t.startsWith(`${v}/`)) return true;
  return looseKey(t) === looseKey(v);
}
