import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { BIBTEX_PARSER_OPTIONS } from './bibtex-parser-settings';
import { scanBibtex } from './bibtex-scanner';

// Random VALID BibTeX files: the scanner must find the same entries, at the same offsets, as the parser.

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const word = (chars: string, max: number) => fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max });
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const blank = fc.constantFrom('', ' ', '  ', '\n', '\n  ', '\t', ' \n\t ');

/** Text inside braces: words, TeX accents, `@`, `%`, `#`, `=`, `,`, `"`, and nested balanced groups. */
const { braceText } = fc.letrec<{ braceText: string; piece: string }>((tie) => ({
  braceText: fc.array(tie('piece'), { maxLength: 5 }).map((pieces) => pieces.join('')),
  piece: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word(`${LOWER}ABC019 .:;-'`, 12),
    fc.constantFrom('\\"o', "\\'e", '\\ss', '$x^2$', '@', '%', '#', '=', ',', '"', '\n', ' and ', '\\&'),
    tie('braceText').map((inner) => `{${inner}}`),
  ),
}));
/** Text inside double quotes: as in braces, but a `"` only inside a nested group. */
const quoteText = braceText.map((text) => text.replace(/"/g, "'").replace(/\\"/g, "\\'"));

const MACROS = ['jan', 'feb', 'dec'];
const part = (macros: string[]) =>
  fc.oneof(
    braceText.map((t) => `{${t}}`),
    quoteText.map((t) => `"${t}"`),
    fc.integer({ min: 0, max: 3000 }).map(String),
    fc.constantFrom(...macros),
  );
const value = (macros: string[]) =>
  fc.tuple(fc.array(part(macros), { minLength: 1, maxLength: 3 }), blank).map(([parts, ws]) => parts.join(`${ws}#${ws}`));
const fieldName = fc.tuple(letter, fc.string({ unit: fc.constantFrom(...`${LOWER}0123456789_-`), maxLength: 10 })).map(([a, b]) => a + b);
const field = (macros: string[]) =>
  fc.tuple(fieldName, blank, value(macros), blank).map(([name, ws, v, ws2]) => `${name}${ws}=${ws}${v}${ws2}`);

const entryType = fc.constantFrom('article', 'inproceedings', 'book', 'misc', 'techreport', 'Article', 'InCollection', 'online');
const citeKey = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.tuple(letter, fc.string({ unit: fc.constantFrom(...`${LOWER}0123456789_:./-+`), maxLength: 14 })).map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.constant('') },
);
const entry = (macros: string[]) =>
  fc
    .record({
      type: entryType,
      key: citeKey,
      fields: fc.array(field(macros), { maxLength: 6 }),
      paren: fc.boolean(),
      trailingComma: fc.boolean(),
      ws: blank,
    })
    .map(({ type, key, fields, paren, trailingComma, ws }) => {
      const [open, close] = paren ? ['(', ')'] : ['{', '}'];
      const body = [key, ...fields].join(`,${ws}`);
      return { text: `@${type}${open}${body}${trailingComma && fields.length > 0 ? ',' : ''}${ws}${close}`, type: type.toLowerCase(), key };
    });

const stringDef = fc.tuple(word(LOWER, 8), value(MACROS)).map(([name, v]) => ({ name: `m${name}`, text: `@string{m${name} = ${v}}` }));
const other = fc.oneof(
  braceText.map((t) => `@comment{${t}}`),
  quoteText.map((t) => `@preamble{"${t}"}`),
  word(`${LOWER} .,;:()[]"'`, 40).map((t) => `% ${t}\n`),
  word(`${LOWER} .,;:`, 30), // free text between entries is a comment to BibTeX
);

const bibFile = fc
  .array(stringDef, { maxLength: 3 })
  .chain((strings) => {
    const macros = [...MACROS, ...strings.map((s) => s.name)];
    const item = fc.oneof(
      { weight: 3, arbitrary: entry(macros).map((e) => ({ ...e, kind: 'entry' as const })) },
      { weight: 1, arbitrary: other.map((text) => ({ text, kind: 'other' as const, type: '', key: '' })) },
    );
    return fc.tuple(fc.constant(strings), fc.array(fc.tuple(item, fc.constantFrom('\n', '\n\n', ' ', '\n  ')), { maxLength: 8 }));
  })
  .map(([strings, items]) => ({
    text: [...strings.map((s) => `${s.text}\n`), ...items.map(([item, sep]) => item.text + sep)].join(''),
    entries: items.filter(([item]) => item.kind === 'entry').map(([item]) => ({ type: item.type, key: item.key })),
  }));

test('scanBibtex finds the entries @retorquere/bibtex-parser finds, at the same offsets, with the same keys', () => {
  fc.assert(
    fc.property(bibFile, ({ text, entries }) => {
      const library = parseBibtex(text, BIBTEX_PARSER_OPTIONS);
      // The parser drops an `@string` whose value is empty and then calls its uses unresolved: not a boundary matter.
      const errors = library.errors.filter((e) => !/^Unresolved @string reference/.test(e.error));
      assert.deepEqual(errors, [], 'the generated file is valid BibTeX');
      let cursor = 0;
      const parsed = library.entries.map((e) => {
        const start = text.indexOf(e.input, cursor);
        cursor = start + 1;
        return { start, type: e.type.toLowerCase(), key: e.key ?? '' };
      });
      const items = scanBibtex(text);
      assert.deepEqual(
        items.filter((item) => item.kind === 'broken'),
        [],
        'the scanner reads every item',
      );
      const scanned = items
        .filter((item) => item.kind === 'entry')
        .map((item) => ({ start: item.start, type: item.type, key: item.key ?? '' }));
      assert.deepEqual(scanned, parsed);
      assert.deepEqual(
        scanned.map(({ type, key }) => ({ type, key })),
        entries,
      );
      for (const item of items.filter((it) => it.kind === 'entry')) assert.equal(text[item.start], '@');
    }),
    { numRuns: 300 },
  );
});
