/**
 * Stop words: words that say nothing about what a text is about. Two levels of one list,
 * compared with folded, unstemmed words (`foldWord`):
 *
 * - `STOP_WORDS`, the function words search drops from its index and from queries;
 * - `BROAD_STOP_WORDS`, those plus quantifiers, adverbs and prepositions ("all", "not", "only",
 *   "between") that would make poor topic terms but that a search keeps, since a query such as
 *   "not all tokens" or "one-shot" should still find its words.
 */

const FUNCTION_WORDS = `a an and are as at be been being but by could did do does doing for from had has have having he her
here hers him his how i if in into is it its itself me my nor of on once or our ours ourselves she should so such than that the
their theirs them then there these they this those through to too until us was we were what when where which while who whom why
will with would you your yours via also thus hence etc ie eg`;

const MORE_FUNCTION_WORDS = `about above across after again against all almost along already although always am among another any
anyone anything around became because become becomes before below between both can cannot done down due during each either else
enough even ever every few further herself himself however just least less let like made many may might more most much must myself
neither never nevertheless no not now off often one only onto other others otherwise out over own per perhaps quite rather same
several since some themselves thereby therefore though throughout together toward towards under unless up upon very well whatever
whereas whether whose within without yet yourself vs al`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/**
 * Function words that carry no meaning in a search ("the", "of", "with", "via", "etc."): never
 * indexed, dropped from queries except inside quoted phrases. Lower-case, folded, unstemmed.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(words(FUNCTION_WORDS));

/**
 * `STOP_WORDS` plus broader function words ("about", "all", "between", "not", "only", "et al"'s
 * "al"): never a topic or related-papers term, and a phrase never starts or ends with one.
 */
export const BROAD_STOP_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS, ...words(MORE_FUNCTION_WORDS)]);
