/**
 * Turns the text-mode LaTeX that paper metadata carries (`\%`, `\mu`, `{\"o}`, `\'{e}`, `--`)
 * into Unicode for display and search. Math between `$…$` or `\(…\)` is kept verbatim so the
 * reader can render it; only whole commands we know are replaced, unknown ones are left as typed.
 */

const SYMBOLS: Record<string, string> = {
  // Greek
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Upsilon: 'Υ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  // Letters and symbols
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dag: '†',
  ddag: '‡',
  S: '§',
  P: '¶',
  copyright: '©',
  pounds: '£',
  euro: '€',
  textendash: '–',
  textemdash: '—',
  textbullet: '•',
  textless: '<',
  textgreater: '>',
  textasciitilde: '~',
  textasciicircum: '^',
  textbackslash: '\\',
  textbar: '|',
  textdegree: '°',
  textregistered: '®',
  texttrademark: '™',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  times: '×',
  pm: '±',
  mp: '∓',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  infty: '∞',
  rightarrow: '→',
  to: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  cdot: '·',
  circ: '∘',
  degree: '°',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  int: '∫',
  sqrt: '√',
  ell: 'ℓ',
  textmu: 'μ',
  micro: 'µ',
  textperthousand: '‰',
  textsection: '§',
  checkmark: '✓',
  textcopyright: '©',
  textellipsis: '…',
  textpm: '±',
  texttimes: '×',
  textdiv: '÷',
  textminus: '−',
  textonehalf: '½',
  textonequarter: '¼',
  textthreequarters: '¾',
  textdagger: '†',
  textdaggerdbl: '‡',
  textparagraph: '¶',
  textunderscore: '_',
  textbraceleft: '{',
  textbraceright: '}',
  textcent: '¢',
  textyen: '¥',
  textsterling: '£',
  texteuro: '€',
  textexclamdown: '¡',
  textquestiondown: '¿',
  guillemotleft: '«',
  guillemotright: '»',
  textordfeminine: 'ª',
  textordmasculine: 'º',
  textasteriskcentered: '∗',
  textperiodcentered: '·',
  textquotesingle: "'",
  textquotedbl: '"',
  textcelsius: '℃',
  textohm: 'Ω',
  textvisiblespace: '␣',
};

/** Combining marks for accent commands: `\'e` → é. */
const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  b: '\u0331',
  d: '\u0323',
};

/** Characters escaped with a backslash in text mode. */
const ESCAPED = new Set(['%', '&', '#', '_', '$', '{', '}', ' ']);

/** Splits text into alternating prose and math runs, so math is left for KaTeX. */
function splitMath(text: string): Array<{ math: boolean; text: string }> {
  const parts: Array<{ math: boolean; text: string }> = [];
  const mathPattern = /\$\$[\s\S]+?\$\$|(?<!\\)\$(?!\s)[^$\n]+?(?<![\s\\])\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\]/g;
  let last = 0;
  for (const m of text.matchAll(mathPattern)) {
    if (m.index > last) parts.push({ math: false, text: text.slice(last, m.index) });
    parts.push({ math: true, text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ math: false, text: text.slice(last) });
  return parts;
}

/** Formatting commands whose argument is the text itself: `\emph{word}` → word. */
const FORMAT_COMMANDS =
  'textit|textbf|textsl|textsc|textsf|textrm|texttt|textup|textmd|textnormal|emph|mbox|text|underline|uline|url|NoCaseChange|ensuremath';
const FORMAT_WITH_ARGUMENT = new RegExp(`\\\\(?:${FORMAT_COMMANDS})\\s*\\{((?:[^{}]|\\{[^{}]*\\})*)\\}`, 'g');
/** Declarations that switch the font for the rest of a group: `{\it word}` → word. */
const FONT_SWITCHES = 'it|bf|em|sl|sc|sf|rm|tt|itshape|bfseries|scshape|upshape|slshape|normalfont|mdseries';
const FONT_GROUP = new RegExp(`\\{\\\\(?:${FONT_SWITCHES})(?![A-Za-z])\\s*([^{}]*)\\}`, 'g');
const FONT_SWITCH = new RegExp(`\\\\(?:${FONT_SWITCHES})(?![A-Za-z])\\s*`, 'g');
const KNOWN_COMMANDS = new Set([...Object.keys(SYMBOLS), ...FORMAT_COMMANDS.split('|'), ...FONT_SWITCHES.split('|'), 'href']);

/** Whether `latexToUnicode` reads `\name` (a symbol, a formatting command or a font switch): `textit` and `alpha` yes, `nRESULTS` no. */
export function isKnownLatexCommand(name: string): boolean {
  return KNOWN_COMMANDS.has(name);
}

/** Placeholders for escaped braces while grouping braces are removed, so `\{0,1\}` keeps its braces. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
/** A tilde written out (`\~{}`, `\textasciitilde`), kept from the rule that reads a tie `~` as a space. */
const TILDE = '\uE002';

function convertProse(text: string, options: LatexOptions): string {
  let out = text
    // An accent over nothing is the accent itself: `{\~{}}250,000` is "~250,000" (Mendeley writes a tilde so).
    .replace(/\\([~^])\{\}/g, (_m, accent: string) => (accent === '~' ? TILDE : '^'))
    // Accents: symbol accents may be bare (\'e), letter accents need braces or a space (\v{c}, \v c)
    // so that commands such as \uparrow are not mistaken for \u + "parrow".
    .replace(
      /\\([`'^"~=.])\s*(?:\{\\?([A-Za-z])\}|\\?([A-Za-z]))|\\([uvHckrbd])(?:\s*\{\\?([A-Za-z])\}|\s+([A-Za-z]))/g,
      (_m, symbolAccent?: string, b1?: string, b2?: string, letterAccent?: string, b3?: string, b4?: string) => {
        const accent = symbolAccent ?? letterAccent ?? '';
        const letter = b1 ?? b2 ?? b3 ?? b4 ?? '';
        return (letter + ACCENTS[accent]).normalize('NFC');
      },
    )
    // TeX spacing: `\,` `\:` `\;` `\>` are narrow spaces (3\,% → "3 %" once whitespace is collapsed),
    // `\!` a negative one (nothing); `\\,` is a line break then a comma, so not matched.
    .replace(/(?<!\\)\\[,:;>]/g, '\u2009')
    .replace(/(?<!\\)\\!/g, '')
    // Line-breaking hints are no text: `location--\hspace{0pt}allocation`, `\allowbreak`, a discretionary `\-`; a wider
    // `\hspace{1em}` or a `\newline` is a space.
    .replace(/\\hspace\*?\s*\{\s*0(?:\.0*)?\s*[a-z]*\s*\}|\\allowbreak(?![A-Za-z])\s*|(?<!\\)\\-/g, '')
    .replace(/\\hspace\*?\s*\{[^{}]*\}|\\(?:newline|linebreak)(?![A-Za-z])/g, ' ')
    .replace(/\\\{/g, OPEN)
    .replace(/\\\}/g, CLOSE)
    .replace(/\\([%&#_$ ])/g, (_m, ch: string) => (ESCAPED.has(ch) ? ch : _m));
  // `\href{url}{text}` → text; formatting commands keep their argument (innermost first, so nesting works).
  out = out.replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1');
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(FORMAT_WITH_ARGUMENT, '$1');
  }
  out = out
    .replace(FONT_GROUP, '$1')
    .replace(FONT_SWITCH, '')
    .replace(/\\([A-Za-z]+)(\{\})?/g, (m, name: string) => (name === 'textasciitilde' ? TILDE : (SYMBOLS[name] ?? m)))
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    // A tie between two words is a space; a leading ~ ("~10x") means "about" and stays.
    .replace(/(?<=\S)~(?=\S)/g, ' ');
  // Braces left around one converted character ({\"{u}} → {ü} → ü) are markup, not text.
  // Wider groups ({0, 1}, {Fourier}) are kept unless the caller says the text is BibTeX-like.
  out = stripGroupingBraces(out, options.stripGroupingBraces === true);
  if (out.includes(TILDE)) out = out.replaceAll(TILDE, '~');
  return out.includes(OPEN) || out.includes(CLOSE) ? out.replaceAll(OPEN, '{').replaceAll(CLOSE, '}') : out;
}

/**
 * Removes grouping braces in one pass (linear in the text, any nesting depth). A group goes when, once
 * the groups inside it are gone, it holds no backslash and no kept brace and is not the argument of a
 * command (`\unknown{x}` stays as typed); unless `wide`, it must also hold at most one non-space character.
 */
function stripGroupingBraces(text: string, wide: boolean): string {
  if (!text.includes('{')) return text;
  interface Group {
    open: number;
    chars: number;
    blocked: boolean;
  }
  const stack: Group[] = [];
  const drop = new Uint8Array(text.length);
  let dropped = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '{') {
      const afterCommand = /\\[A-Za-z]+\s*$/.test(text.slice(Math.max(0, i - 40), i));
      stack.push({ open: i, chars: 0, blocked: afterCommand });
    } else if (c === '}') {
      const group = stack.pop();
      if (!group) continue;
      const removable = !group.blocked && (wide || group.chars <= 1);
      const parent = stack[stack.length - 1];
      if (removable) {
        drop[group.open] = 1;
        drop[i] = 1;
        dropped += 2;
        if (parent) parent.chars += group.chars;
      } else if (parent) parent.blocked = true;
    } else if (top) {
      if (c === '\\') top.blocked = true;
      else if (/\s/.test(c)) {
        if (!wide) top.blocked = true;
      } else top.chars++;
    }
  }
  if (dropped === 0) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (drop[i]) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

/** Options of `latexToUnicode`. Example: `{ stripGroupingBraces: true }` for BibTeX fields. */
export interface LatexOptions {
  /** Also drop braces around whole words, as BibTeX case protection uses them (`{Fourier}` → `Fourier`). Default `false`. */
  stripGroupingBraces?: boolean;
}

/** Converts text-mode LaTeX outside math to Unicode; math runs are returned untouched. */
export function latexToUnicode(text: string, options: LatexOptions = {}): string {
  if (!/[\\{}~`'-]/.test(text)) return text;
  const parts = splitMath(text);
  if (options.stripGroupingBraces === true && parts.length > 1) return withMathMasked(parts, options);
  return parts.map((part) => (part.math ? part.text : convertProse(part.text, options))).join('');
}

/** Private-use characters that stand for math runs while the prose around them is converted. */
const MATH_MASK = 0xe100;
const MATH_MASKS = 0x700;

/**
 * BibTeX text with its math: the prose converted as one text, each math run standing in as one character, so that
 * case-protection braces around math or across it go (`{$\epsilon$}-dominance`, `{TP$+$PLS}`) and a command's
 * argument may hold math (`\textit{$k$-means}`); the math itself is left untouched.
 */
function withMathMasked(parts: Array<{ math: boolean; text: string }>, options: LatexOptions): string {
  const math = parts.filter((part) => part.math).map((part) => part.text);
  if (math.length > MATH_MASKS) return parts.map((part) => (part.math ? part.text : convertProse(part.text, options))).join('');
  let at = 0;
  const masked = parts.map((part) => (part.math ? String.fromCharCode(MATH_MASK + at++) : part.text)).join('');
  return convertProse(masked, options).replace(/[\ue100-\ue7ff]/g, (mask) => math[mask.charCodeAt(0) - MATH_MASK]);
}
