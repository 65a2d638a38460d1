/**
 * Light English plural folding (an S-stemmer), shared by search terms and topic terms so that
 * `networks` meets `network` everywhere while terms stay recognisable words.
 */

/** Irregular plurals and the singular they fold to. */
const IRREGULAR = new Map<string, string>([
  ['matrices', 'matrix'],
  ['indices', 'index'],
  ['vertices', 'vertex'],
  ['analyses', 'analysis'],
  ['hypotheses', 'hypothesis'],
  ['syntheses', 'synthesis'],
  ['theses', 'thesis'],
  ['biases', 'bias'],
  ['aliases', 'alias'],
  ['atlases', 'atlas'],
  ['lenses', 'lens'],
  ['axes', 'axis'],
  ['criteria', 'criterion'],
  ['phenomena', 'phenomenon'],
  ['children', 'child'],
  ['mice', 'mouse'],
  ['caches', 'cache'],
  ['niches', 'niche'],
  ['heroes', 'hero'],
  ['echoes', 'echo'],
  ['canvases', 'canvas'],
  ['gases', 'gas'],
  ['corpora', 'corpus'],
  ['appendices', 'appendix'],
  ['diagnoses', 'diagnosis'],
  ['parentheses', 'parenthesis'],
]);

/** Words ending in `s` that are not plurals. */
const SINGULAR_S = new Set(
  `bias alias atlas canvas gas lens news series species always perhaps whereas thus yes was has does
  its this is his hers ours yours less unless across plus minus chaos cosmos ethos pathos logos kudos thermos
  towards afterwards besides sometimes nevertheless mathematics physics economics ethics`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The singular of a lower-case, folded word (`foldWord`): `networks` → `network`, `studies` →
 * `study`, `classes` → `class`, `approaches` → `approach`, `LVLMs` (folded `lvlms`) → `lvlm`,
 * `matrices` → `matrix`, `mice` → `mouse`; `analysis`, `corpus`, `loss`, `bias`, `series` and
 * words of three letters or fewer are kept.
 */
export function foldPlural(word: string): string {
  const n = word.length;
  if (n <= 3) return word;
  const last = word.charCodeAt(n - 1);
  if (last !== 115 /* s */) {
    // Irregular plurals without an s: mice, children, criteria, phenomena, corpora.
    return last === 101 || last === 110 || last === 97 ? (IRREGULAR.get(word) ?? word) : word;
  }
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (SINGULAR_S.has(word)) return word;
  const before = word.charCodeAt(n - 2);
  if (before === 115 /* ss */ || before === 117 /* us */ || before === 105 /* is */ || before === 39) {
    return word;
  }
  if (before === 101 /* e */) {
    if (n >= 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
    if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes') || word.endsWith('zzes')) {
      return word.slice(0, -2);
    }
  }
  return word.slice(0, -1);
}

/** Each irregular singular and the start its irregular plurals share with it (`mouse`, `mice`: `m`). */
const IRREGULAR_PREFIXES = new Map<string, string>();
for (const [plural, singular] of IRREGULAR) {
  let shared = 0;
  while (shared < plural.length && plural[shared] === singular[shared]) shared += 1;
  const known = IRREGULAR_PREFIXES.get(singular);
  if (known === undefined || shared < known.length) IRREGULAR_PREFIXES.set(singular, singular.slice(0, shared));
}

/**
 * A string that every surface form folding to `singular` starts with, lower case (`study` →
 * `stud`, for `studies`; `mouse` → `m`, for `mice`; `bias` → `bias`, for `biases`), or undefined
 * for the empty string. Lets highlighting find `studies` in text from the term `study` without
 * folding every word.
 */
export function surfacePrefix(singular: string): string | undefined {
  if (!singular) return undefined;
  const irregular = IRREGULAR_PREFIXES.get(singular);
  if (irregular !== undefined) return irregular;
  return singular.endsWith('y') && singular.length > 1 ? singular.slice(0, -1) : singular;
}

/**
 * `surfacePrefix` for the start of a word still being typed (folded `typed`): what every surface form of every
 * singular starting with it starts with (`mou` → `m`, for `mice` of `mouse`; `stud` → `stud`), or undefined when
 * nothing is shared.
 */
export function typedSurfacePrefix(typed: string): string | undefined {
  let start = surfacePrefix(typed);
  for (const [singular, shared] of IRREGULAR_PREFIXES) {
    if (start !== undefined && singular.startsWith(typed) && shared.length < start.length) start = shared;
  }
  return start || undefined;
}
