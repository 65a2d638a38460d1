import type { Paper } from '../model/paper';
import { normalizeToken } from '../text/normalize-token';
import { compareStrings } from './text-terms';
import { titleCase } from './topic-names';
import { FIELD_NAMES, junkNameReason } from './topic-naming';
import { MAX_TOPICS_PER_PAPER, OTHER_TOPIC, type Candidate, type TopicRegistry } from './topic-registry';

/**
 * Keywords and categories as topics. A key is the lower-cased, plural-folded, hyphen-insensitive
 * form; it is kept when `minSize` papers share it, and the `maxTopics` most shared keys become
 * topics. A paper's candidates are its kept keys in the order the source lists them (keywords,
 * then categories: an arXiv paper's primary category comes first); generic keywords (see
 * `isGenericKeyword`) are not kept. Returns the topics with the number of papers carrying them.
 */
export function metadataCandidates(
  papers: Paper[],
  registry: TopicRegistry,
  candidates: Candidate[][],
  minSize: number,
  maxTopics: number,
): Array<{ topic: number; holders: number }> {
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const surfaces: Array<Map<string, number>> = [];
  const frequency: number[] = [];
  const paperKeys: number[][] = [];
  let any = false;
  for (const paper of papers) {
    const own: number[] = [];
    for (const raw of [...paper.keywords.flatMap((k) => k.split(';')), ...paper.categories]) {
      const folded = metadataKey(raw);
      if (!folded) continue;
      let index = keyIndex.get(folded.key);
      if (index === undefined) {
        index = keys.length;
        keyIndex.set(folded.key, index);
        keys.push(folded.key);
        surfaces.push(new Map());
        frequency.push(0);
      }
      if (own.includes(index)) continue;
      own.push(index);
      frequency[index] += 1;
      surfaces[index].set(folded.surface, (surfaces[index].get(folded.surface) ?? 0) + 1);
      any = true;
    }
    paperKeys.push(own);
  }
  if (!any) return [];

  // An acronym keyword joins its spelled-out form: "GANs" → "Generative Adversarial Networks".
  const canonical = acronymExpansions(keys, surfaces, frequency);
  if (canonical.some((c, k) => c !== k)) {
    frequency.fill(0);
    for (let p = 0; p < paperKeys.length; p += 1) {
      const own = [...new Set(paperKeys[p].map((k) => canonical[k]))];
      paperKeys[p] = own;
      for (const k of own) frequency[k] += 1;
    }
  }

  const withMetadata = paperKeys.filter((own) => own.length > 0).length;
  const kept = keys
    .map((key, index) => ({ key, index }))
    .filter(
      ({ index }) =>
        frequency[index] >= minSize &&
        !isGenericKeyword(keys[index], displayName(surfaces[index]), frequency[index] / withMetadata, withMetadata),
    )
    .sort((a, b) => frequency[b.index] - frequency[a.index] || compareStrings(a.key, b.key))
    .slice(0, maxTopics);
  const topicOfKey = new Map<number, number>();
  for (const { index } of kept) topicOfKey.set(index, registry.get(displayName(surfaces[index]), 'metadata'));

  for (let p = 0; p < papers.length; p += 1) {
    const own = paperKeys[p].filter((k) => topicOfKey.has(k));
    // Earlier keys rank higher; a steady score spacing keeps every one above the relative cut-off.
    candidates[p] = own.slice(0, MAX_TOPICS_PER_PAPER + 2).map((k, rank) => ({ topic: topicOfKey.get(k)!, score: 10 - rank }));
  }
  return [...new Set(topicOfKey.values())].map((topic) => ({ topic, holders: holdersOf(candidates, topic) }));
}

function holdersOf(candidates: Candidate[][], topic: number): number {
  let n = 0;
  for (const list of candidates) if (list.some((c) => c.topic === topic)) n += 1;
  return n;
}

/**
 * For each key, the key it merges into: an acronym ("GAN", "RNNs", "NLP": one word, 2–6 letters,
 * written in capitals) merges into the most used multi-word key with those initials
 * ("generative adversarial network"); every other key maps to itself.
 */
function acronymExpansions(keys: string[], surfaces: Array<Map<string, number>>, frequency: number[]): number[] {
  const canonical = keys.map((_, index) => index);
  const byInitials = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const words = key.split(' ');
    if (words.length < 2 || words.length > 6) return;
    const initials = words.map((w) => w[0]).join('');
    const list = byInitials.get(initials);
    if (list) list.push(index);
    else byInitials.set(initials, [index]);
  });
  keys.forEach((key, index) => {
    if (key.includes(' ') || key.length < 2 || key.length > 6 || !/^[a-z]+$/.test(key)) return;
    const written = [...surfaces[index].keys()];
    if (!written.some((form) => /^[A-Z]{2,6}s?$/.test(form))) return;
    const expansions = byInitials.get(key);
    if (!expansions) return;
    canonical[index] = [...expansions].sort((a, b) => frequency[b] - frequency[a] || compareStrings(keys[a], keys[b]))[0];
  });
  return canonical;
}

/**
 * Keywords that describe the study rather than its subject (MeSH "check tags" that medical
 * databases add to nearly every record): never topics.
 */
const NON_TOPIC_KEYWORDS = new Set([
  'human',
  'animal',
  'male',
  'female',
  'adult',
  'aged',
  'middle aged',
  'aged 80 and over',
  '80 and over',
  'young adult',
  'child',
  'child preschool',
  'adolescent',
  'infant',
  'infant newborn',
  'mice',
  'mouse',
  'rat',
  'rats',
  'pregnancy',
  'article',
  'journal article',
  'review',
  'research support',
  'controlled study',
  'priority journal',
  'nonhuman',
  'model',
  'algorithm',
  'method',
]);

/** A keyword held by more than this share of the papers with metadata is background, not a topic… */
const BACKGROUND_SHARE = 0.3;
/** Background needs a library of some size: in a handful of papers every shared keyword is a large share. */
const BACKGROUND_MIN_PAPERS = 50;

/**
 * Whether a keyword is too generic to make a topic: a field's name ("deep learning"), background
 * (on more than 30 % of the papers with metadata, in a library of 50 or more), or a name no topic may have (a single generic
 * word such as "Model", a number, a catalogue path such as "Language Arts & Disciplines / Linguistics / General").
 */
function isGenericKeyword(key: string, name: string, share: number, papers: number): boolean {
  return FIELD_NAMES.has(key) || (share > BACKGROUND_SHARE && papers >= BACKGROUND_MIN_PAPERS) || junkNameReason(name) !== undefined;
}

/** Normalises one keyword or category; undefined when nothing readable is left. */
function metadataKey(raw: string): { key: string; surface: string } | undefined {
  const surface = raw
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”‘’.,;:*]+|[\s"'“”‘’.,;:*]+$/g, '');
  if (!surface || surface.length > 80 || !/\p{L}/u.test(surface)) return undefined;
  const key = surface
    .toLowerCase()
    .split(/[\s\-_‐–/]+/)
    .filter(Boolean)
    .map(normalizeToken)
    .join(' ');
  if (!key || key === OTHER_TOPIC.toLowerCase() || NON_TOPIC_KEYWORDS.has(key) || key.startsWith('research support')) return undefined;
  return { key, surface };
}

/**
 * The most used spelling of a keyword, in Title Case as discovered names are when it was written all in lower case,
 * shouted, or in sentence case ("Dissolved organic matter", as many libraries write keywords); a spelling with capitals
 * past its first letter ("Fram Strait", "CO2 flux", "t-SNE") is kept as written.
 */
function displayName(surfaces: Map<string, number>): string {
  const best = [...surfaces].sort((a, b) => b[1] - a[1] || upperCount(b[0]) - upperCount(a[0]) || compareStrings(a[0], b[0]))[0][0];
  return best.slice(1) === best.slice(1).toLowerCase() || best === best.toUpperCase() ? titleCase(best) : best;
}

function upperCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch !== ch.toLowerCase()) n += 1;
  return n;
}

/**
 * Keyword names found in the text of papers without metadata are evidence only as far as the
 * keyword's own papers carry it: each metadata topic keeps at most as many text-matched papers as
 * papers carry the keyword (the best-scoring, ties by corpus order); the others lose that candidate.
 * `textPapers` are the papers read as text (without metadata).
 */
export function limitTextEvidence(
  candidates: Candidate[][],
  textPapers: readonly number[],
  metadataTopics: ReadonlyArray<{ topic: number; holders: number }>,
): void {
  const limit = new Map(metadataTopics.map((m) => [m.topic, m.holders]));
  const matched = new Map<number, Array<{ paper: number; score: number }>>();
  for (const p of textPapers) {
    for (const c of candidates[p]) {
      if (!limit.has(c.topic)) continue;
      let list = matched.get(c.topic);
      if (!list) matched.set(c.topic, (list = []));
      list.push({ paper: p, score: c.score });
    }
  }
  for (const [topic, list] of matched) {
    const allowed = limit.get(topic)!;
    if (list.length <= allowed) continue;
    list.sort((a, b) => b.score - a.score || a.paper - b.paper);
    for (const { paper } of list.slice(allowed)) candidates[paper] = candidates[paper].filter((c) => c.topic !== topic);
  }
}
