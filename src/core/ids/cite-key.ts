import type { CslName } from '../model/csl-item';
import { cslOf } from '../model/csl-of';
import type { ImportedPaper } from '../model/paper';
import { foldToAscii } from './slugify-title';

/**
 * Better BibTeX's default list of words `shorttitle` skips (its `skipWords` preference), so a generated
 * key matches the one Better BibTeX would make from the same record.
 */
const SKIP_WORDS = new Set(
  (
    'a,ab,aboard,about,above,across,after,against,al,along,amid,among,an,and,anti,around,as,at,before,behind,below,beneath,beside,' +
    'besides,between,beyond,but,by,d,da,das,de,del,dell,dello,dei,degli,della,delle,dem,den,der,des,despite,die,do,down,du,during,' +
    'ein,eine,einem,einen,einer,eines,el,en,et,except,for,from,gli,i,il,in,inside,into,is,l,la,las,le,les,like,lo,los,near,nor,of,' +
    'off,on,onto,or,over,past,per,plus,round,save,since,so,some,sur,than,the,through,to,toward,towards,un,una,unas,under,underneath,' +
    'une,unlike,uno,unos,until,up,upon,versus,via,von,while,with,within,without,yet,zu,zum'
  ).split(','),
);

/** How many title words `shorttitle` takes (Better BibTeX's default `shorttitle(3)`). */
const SHORT_TITLE_WORDS = 3;

/** Better BibTeX's default `citekeyUnsafeChars`, plus whitespace: removed from the finished key. */
const UNSAFE = /[\\"#%'(),={}~\s]/g;

/**
 * The citekey Better BibTeX's formula `[auth:lower][year][shorttitle]` gives a paper that has none
 * (before `a`, `b`… make it unique; see `assignCiteKeys`):
 *   - `auth`: the family name of the first author (editor, then translator, when it has no
 *     author), with its non-dropping particle (`van Gogh`); an organisation's whole name; lowercased.
 *   - `year`: the year of `issued` (else `Paper.year`); nothing when unknown.
 *   - `shorttitle`: the first 3 words of the title, as written (Better BibTeX keeps their capitals),
 *     after removing punctuation and dashes (`Self-Attention` → `SelfAttention`), one-letter words
 *     and Better BibTeX's skip words (`a`, `the`, `of`, `is`, `on`…).
 * Then, as Better BibTeX's "fold" step does, diacritics are folded to ASCII (`López` → `Lopez`,
 * `ß` → `ss`), characters with no ASCII form and Better BibTeX's unsafe characters
 * (`\ " # % ' ( ) , = { } ~`) and spaces are removed. Returns `''` when nothing is left.
 *
 * @example
 * ```ts
 * // Vaswani et al. 2017, "Attention Is All You Need":
 * generatedCiteKey(paper); // → 'vaswani2017AttentionAllYou'
 * // Zamora-López 2010, "Hierarchical Organization of the Cortex":
 * generatedCiteKey(paper); // → 'zamora-lopez2010HierarchicalOrganizationCortex'
 * ```
 */
export function generatedCiteKey(paper: ImportedPaper): string {
  const { auth, year, titleWords } = citeKeyParts(paper);
  return finalize(auth + year + titleWords.slice(0, SHORT_TITLE_WORDS).join(''));
}

/**
 * The parts of a generated citekey before they are joined and folded: `auth` (lowercased), `year`,
 * and the significant title words (all of them; `generatedCiteKey` takes the first 3). Exposed so
 * tests can rebuild other Better BibTeX formulas from the same parts and compare with real keys.
 */
export function citeKeyParts(paper: ImportedPaper): { auth: string; year: string; titleWords: string[] } {
  // Only the first creator is needed: a paper without a record is read from its first display name
  // (as `cslOf` would), not converted whole (arXiv papers may list hundreds of authors).
  const csl = paper.csl ?? cslOf({ ...paper, id: paper.id ?? '', authors: paper.authors.slice(0, 1), abstract: '' });
  const creators = [csl.author, csl.editor, csl.translator as CslName[] | undefined].find(
    (names) => Array.isArray(names) && names.length > 0,
  );
  const auth = creators ? familyName(creators[0]).toLowerCase() : '';
  const issuedYear = csl.issued?.['date-parts']?.[0]?.[0];
  const year =
    issuedYear !== undefined && /^-?\d+$/.test(String(issuedYear))
      ? String(Number(issuedYear))
      : paper.year !== undefined
        ? String(paper.year)
        : '';
  return { auth, year, titleWords: significantTitleWords(paper.title || csl.title || '') };
}

/** `lastName` as Zotero keeps it: the particle that stays with the family name, then the family name; else the literal. */
function familyName(name: CslName): string {
  // Spaces go when the key is finished, so `de-León-` + `Gómez` and `van` + `Gogh` both read as written.
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  return family || name.literal || '';
}

/**
 * A title's significant words, as Better BibTeX's `shorttitle` picks them: HTML tags and `"` removed;
 * spaces, `/`, `:` and typographic dashes (`hip–knee`) separate words; an ASCII hyphen joins a
 * hyphenated word into one (`Self-Attention` → `SelfAttention`); a possessive `'s` goes
 * (`Physiologist's` → `Physiologist`), as does other punctuation; then one-letter words (not
 * digits) and skip words are dropped. Better BibTeX's tokenizer does the same for these cases.
 */
export function significantTitleWords(title: string): string[] {
  return title
    .replace(/<\/?(?:i|b|sc|nc|code|span[^>]*)>|"/gi, '')
    .split(/[\s/:\u2010-\u2015\u2212\u2500\uFF0D]+/)
    .map((word) =>
      word
        .replace(/['\u2019]s$/i, '')
        .replace(/\p{Pd}/gu, '')
        .replace(/\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}/gu, ''),
    )
    .filter((word) => word && !([...word].length === 1 && !/^\d$/.test(word)))
    .filter((word) => !SKIP_WORDS.has(word.toLowerCase()))
    .slice(0, 50);
}

function finalize(key: string): string {
  return foldToAscii(key).replace(UNSAFE, '');
}
