import { foldPlural } from '../text/fold-plural';
import { BROAD_STOP_WORDS } from '../text/stop-words';

/**
 * The topic-only layer on top of the shared stop words: words every abstract uses ("we propose a
 * novel approach", "results show"), which say nothing about a paper's subject. They stay in the
 * token stream, so taxonomy phrases can contain them, but are never a topic or related-papers
 * term nor the edge of a discovered phrase. Compared with plural-folded stems.
 */
const GENERIC_WORDS = `ability able abstract accurate accurately achieve achieved achieves achieving address addressed addresses
addressing advance advanced advantage advantages aim aims allow allowed allows alternative analyse analyze analyzed analyzing
apply applied applying approach approaches appropriate argue arise arises art aspect aspects assume available average
based basic behave benefit benefits best better beyond broad build building built called capture captures case cases
central certain challenge challenges challenging change changes characterize characterized claim class clear closely
common commonly compare compared comparing comparison complementary complex comprehensive compute computed conduct
consider considerable considered consist consisting consists construct contain contains context contrast contribute
contribution contributions conventional core correspond corresponding critically crucial current currently demonstrate
demonstrated demonstrates demonstrating derive described describe design designed designing despite detailed determine
develop developed developing development different difficult directly discuss distinct does easily effect effective
effectively effects effort efforts eight eighth either element elements emerging employ employed employs enable enabled
enables enabling end ensure entire equally especially essential establish established evaluate evaluated evaluates
evaluating evaluation evidence exact example examples exhibit exhibits exist existing explicitly explore explored exploring
extend extended extensive extensively extent extract fact factor factors fail fails far feasible final finally find
finding findings first five focus focused focuses focusing follow following form formulate found four fourth framework
frameworks fully fundamental furthermore gain gains general generally give given gives good great greatly help helps
high higher highly hold hypothesize idea ideal identify illustrate impact implement important importantly improve improved
improvement improvements improves improving include includes including increase increased increasing indeed indicate
indicates insight insights instead interest interesting introduce introduced introduces introducing investigate
investigated investigates investigating issue issues item key kind known lack lead leading leads learned learns less
level levels leverage leverages leveraging limit limitation limitations limited limits little long lot low lower main
mainly maintain major make makes making manner mean means measure measured mechanism mechanisms method methods might
moreover motivate motivated multiple namely natural nature necessary need needed needs new nine note notion novel number
numerous observe observed observation observations obtain obtained offer offers open order original outperform
outperforming outperforms overall paper papers paradigm part particular particularly perform performance performed performing
performs play plays point possible potential potentially practical precisely present presented presents previous previously
primarily primary principle prior problem problems procedure process produce produced produces promising propose proposed
proposes proposing prove provide provided provides providing purpose question questions range rate rather real reason
recent recently reduce reduced reduces reducing regard related relative relatively rely relies remain remains remarkable
report reported require required requires research researchers respect respectively result resulting results reveal
reveals right robustly role run second see seek seen set sets setting settings seven shed show showed showing shown shows
significant significantly similar similarly simple simply single six small solution solutions solve some specific
specifically standard state states step steps still strategies strategy strong strongly studied studies study studying
subsequent substantial substantially success successful successfully suffer suggest suggests superior support take takes
technique techniques ten term terms test tested tests thereby third three time times total tradition traditional
tremendous true try two type types typical typically understand understanding unified unique usage use used useful uses
using usually utilize utilizes utilizing validate valuable value values variety various version versions view way ways
widely without work works yield yields`;

/** More of the same, kept apart because they were found later on real corpora. */
const MORE_GENERIC = `alleviate alleviates alleviating capable scenario scenarios consequently meaningful aspect
advancement advancements remarkable promising plausible effectiveness efficacy manner thereby whereby hence
latter former`;

const GENERIC = new Set(`${GENERIC_WORDS} ${MORE_GENERIC}`.split(/\s+/).filter(Boolean));

/** Nouns that end like adjectives or adverbs ("signal", "objective", "assembly"): still nouns. */
const NOUNS_WITH_ADJECTIVE_ENDINGS = new Set(
  `signal interval animal trial material potential journal proposal retrieval removal
terminal manual hospital capital survival arrival tutorial metal crystal mammal goal canal portal chemical individual spiral
fractal total principal objective derivative alternative perspective narrative initiative archive incentive logic music topic
graphic clinic traffic epidemic pandemic fabric mosaic metric heuristic critic mechanic variable table cable vegetable anomaly
assembly family supply reply monopoly butterfly seed speed need feed bed red shed`.split(/\s+/),
);

/**
 * Whether a folded stem is too generic to be a topic term: one of the listed words, or an adverb
 * ("consequently", "rigorously": longer than five letters and ending in "ly", "assembly" excepted).
 */
export function isGenericWord(stem: string): boolean {
  return GENERIC.has(stem) || (stem.length > 5 && stem.endsWith('ly') && !NOUNS_WITH_ADJECTIVE_ENDINGS.has(stem));
}

/**
 * Whether a phrase ends like a noun, so that it can name a topic on its own: "Spiking Neural
 * Networks" does, "Spiking Neural" or "Artificial" do not. A heuristic on English suffixes.
 */
export function endsLikeANoun(phrase: string): boolean {
  const last =
    phrase
      .trim()
      .split(/[\s-]+/)
      .pop()
      ?.toLowerCase() ?? '';
  if (!last || NOUNS_WITH_ADJECTIVE_ENDINGS.has(last) || NOUNS_WITH_ADJECTIVE_ENDINGS.has(foldPlural(last))) return true;
  if (BROAD_STOP_WORDS.has(last) || GENERIC.has(last) || GENERIC.has(foldPlural(last))) return false;
  return !/(?:al|ive|ous|ic|able|ible|ful|less|ly|[^e]ed|ward|wise|multi|self|non|pre|post|inter|intra|cross)$/.test(last);
}
