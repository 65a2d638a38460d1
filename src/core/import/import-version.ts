/**
 * The version of what the importers make of a file's bytes, part of every corpus fingerprint (`corpusFingerprint`):
 * a search index cached from an earlier Lectern's papers is then not taken for this one's, whose texts may differ
 * (and with them the index's word positions). Bump it with any change to the papers an importer gives for the same
 * bytes; `import-version.test.ts` fails until then.
 *
 * 2: a BibTeX title or abstract holding a publisher's HTML is read as text (`<i>`, `<span class="inline-formula">`,
 * `&thinsp;`), and an abstract's "Abstract." label is dropped (BibTeX, CSL-JSON).
 * 3: Mendeley's escaped backslashes are read back (`$\backslash$n` a space, `$\backslash$textit{\{}…{\}}` TeX,
 * `{\$}\backslashtau{\$}` math), `\~{}` is a tilde, and PubMed's "UNLABELLED:" label goes; a `@preamble`'s TeX macros
 * expand in the file's fields (`\proglang{R}`, `\noopsort`), braces around math go (`{$\epsilon$}-dominance`), and
 * line-breaking hints are no text (`location--\hspace{0pt}allocation`); a BibTeX file of definitions only is no empty
 * library, and an undefined macro's message says it may be defined in another .bib file of the folder.
 */
export const IMPORT_VERSION = 3;
