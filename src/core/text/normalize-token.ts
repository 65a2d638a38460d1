import { foldPlural } from './fold-plural';
import { foldWord } from './fold-word';

/**
 * The term key of one token as it appears in text: folded (`foldWord`) then made singular
 * (`foldPlural`). `LVLMs` → `lvlm`, `Schrödinger's` → `schrodinger`, `Networks` → `network`.
 * Stop words are not removed here: each consumer decides (search drops `STOP_WORDS`, topics flag
 * `BROAD_STOP_WORDS` and generic words).
 */
export function normalizeToken(raw: string): string {
  return foldPlural(foldWord(raw));
}
