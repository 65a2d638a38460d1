// The BibTeX importer's diagnostics, asserted whole: where each one points (line:column) and what it tells the user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
import { defaultImportContext } from './import-limits';

const read = (text: string) => {
  const result = importBibtex('x.bib', text);
  return {
    papers: result.papers.map((p) => [p.citeKey, p.title, p.authors, p.source.line, p.venue]),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
};

test('an entry the parser cannot read is loaded with a name it cannot split kept whole, with warnings', () => {
  assert.deepEqual(read('@article{k, title = {T}, author = {M{\\"u}ller, $Jo}}'), {
    papers: [['k', 'T', ['Müller, $Jo'], 1, undefined]],
    diagnostics: [
      '1:1 warning Lectern: entry `k` could not be fully read by the BibTeX parser (a `$` math section is never closed); it was loaded with its names split the simple way — check its `author` field.',
      '1:1 warning Lectern: entry `k` (line 1) has a name that cannot be split into family and given names: "Müller, $Jo"; it was kept whole, as written. Write it as `Family, Given` (or in braces for an organisation).',
    ],
  });
});

test('macros: an undefined one is reported once at its first use with the count; a defined one resolves with TeX names', () => {
  assert.deepEqual(
    read(
      '@article{k, title = {T}, author = {Doe, Jane}, journal = undefmac}\n@article{k2, title = {T2}, journal = UNDEFMAC}\n@article{k3, title = {T3}, author = {M{\\"u}ller, Jo}, journal = undefmac}',
    ),
    {
      papers: [
        ['k', 'T', ['Jane Doe'], 1, 'undefmac'],
        ['k2', 'T2', [], 2, 'UNDEFMAC'],
        ['k3', 'T3', ['Jo Müller'], 3, 'undefmac'],
      ],
      diagnostics: [
        '1:58 warning Lectern: `@string` macro `undefmac` is not defined (used by entry `k` and 2 more uses); its name was kept as the value. Define it with `@string{undefmac = {…}}` in this file or in another .bib file of its folder.',
      ],
    },
  );
  assert.deepEqual(read('@string{j = {Journal}}\n@article{k, title = {T}, author = {M{\\"u}ller, Jo}, journal = J # { of X}}'), {
    papers: [['k', 'T', ['Jo Müller'], 2, 'Journal of X']],
    diagnostics: [],
  });
});

test('cyclic macros: one warning at the first definition, one at the use', () => {
  assert.deepEqual(read('@string{a = b # "x"}\n@string{b = a # "y"}\n@article{k, title = {T}, journal = a}'), {
    papers: [['k', 'T', [], 3, 'a']],
    diagnostics: [
      '1:1 warning Lectern: `@string` macros `a` and `b` are defined in terms of each other (`a` on line 1 → `b` on line 2 → `a`); they were not expanded, and fields that use them keep the macro name. Break the cycle.',
      "3:36 warning Lectern: `@string` macro `a` was not expanded (used by entry `k`; see the warning on line 1); its name was kept as the value. Fix the macro's definition.",
    ],
  });
});

test('a key the parser rejects is loaded and named at the key; comments and preambles are not papers', () => {
  assert.deepEqual(read('@comment{hello}\n@preamble{"x"}\n@article{k?1, title = {T}, author = {Doe, Jane}}'), {
    papers: [['k?1', 'T', ['Jane Doe'], 3, undefined]],
    diagnostics: [
      '3:10 warning Lectern: citation key `k?1` contains characters BibTeX tools reject (`?`); the entry was loaded, but rename the key so LaTeX can cite it.',
    ],
  });
});

test('broken entries: the column of the value that never closes, and the label by key, title or type', () => {
  assert.deepEqual(read('@article{k, title = {T}, author = {M{\\"u}ller, Jo}, note = {{unbalanced}').diagnostics, [
    '1:60 error Lectern: entry `k` (line 1) could not be read: the `{` that opens field `note` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
  assert.deepEqual(read('@string{j = {J}}\n@article{k, title = {T}, author = {M{\\"u}ller, Jo} journal = j}'), {
    papers: [],
    diagnostics: [
      '2:52 error Lectern: entry `k` (line 2) could not be read: expected `,` or `}` after field `author` (found `journal = j}`); it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  });
  const untitled = read('@article{, title = {A {Broken} Title}, author = {Doe, Jane} note = x}');
  assert.equal(untitled.diagnostics.length, 1);
  assert.match(untitled.diagnostics[0], /^1:\d+ error Lectern: entry "A Broken Title" \(line 1\) could not be read/);
  const late = read('@article{, author = {Doe, Jane} note = x, title = {A {Late} Title}}');
  assert.match(
    late.diagnostics[0],
    /^1:\d+ error Lectern: entry "A" \(line 1\) could not be read/,
    'the first words of a title after the break',
  );
  const bare = read('@misc{, author = {Doe, Jane} note = x}');
  assert.match(bare.diagnostics[0], /^1:\d+ error Lectern: an `@misc` entry without a citation key \(line 1\) could not be read/);
});

test('an indented entry missing its closing brace is repaired at its own column', () => {
  assert.deepEqual(read('  @article{k, title = {T},\n author = {Doe, Jane},\n'), {
    papers: [['k', 'T', ['Jane Doe'], 1, undefined]],
    diagnostics: [
      '1:3 warning Lectern: entry `k` (line 1) is not closed with `}`; it was loaded as if it ended on line 2. Add the missing `}` there.',
    ],
  });
});

test('an undefined macro in an entry that cannot be read is still reported, at its use', () => {
  assert.deepEqual(read('@article{k, title = {T}, author = {M{\\"u}ller, Jo}, journal = undefmac note = x}\n@article{b, title = {B}}'), {
    papers: [['b', 'B', [], 2, undefined]],
    diagnostics: [
      '1:72 error Lectern: entry `k` (line 1) could not be read: expected `,` or `}` after field `journal` (found `note = x}`); it was skipped. Fix the entry and reload — the entries after it still load.',
      '1:63 warning Lectern: `@string` macro `undefmac` is not defined (used by entry `k`); its name was kept as the value. Define it with `@string{undefmac = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
  assert.deepEqual(
    read('@article{k, title = {T}, author = {M{\\"u}ller, Jo},\n journal = undefmac,\n year = 2020\n@article{b, title = {B}}'),
    {
      papers: [
        ['k', 'T', ['Jo Müller'], 1, 'undefmac'],
        ['b', 'B', [], 4, undefined],
      ],
      diagnostics: [
        '1:1 warning Lectern: entry `k` (line 1) is not closed with `}`; it was loaded as if it ended on line 3. Add the missing `}` there.',
        '2:12 warning Lectern: `@string` macro `undefmac` is not defined (used by entry `k`); its name was kept as the value. Define it with `@string{undefmac = {…}}` in this file or in another .bib file of its folder.',
      ],
    },
  );
});

test('an entry only the parser can read (no comma after the key) keeps its fields, keywords and names', () => {
  const result = importBibtex(
    'p.bib',
    '@article{k title = {T}, keywords = {a, b}, author = {M{\\"u}ller, Jo}, journal = {J}, year = 2020}',
  );
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.papers.length, 1);
  const [paper] = result.papers;
  assert.deepEqual(
    [paper.citeKey, paper.title, paper.authors, paper.venue, paper.year, paper.keywords],
    ['k', 'T', ['Jo Müller'], 'J', 2020, ['a', 'b']],
  );
});

test('a macro holding TeX names is expanded for the parser', () => {
  assert.deepEqual(read('@string{am = {M{\\"u}ller, Jo}}\n@article{k, title = {T}, author = am # { and Doe, Jane}}'), {
    papers: [['k', 'T', ['Jo Müller', 'Jane Doe'], 2, undefined]],
    diagnostics: [],
  });
  assert.deepEqual(read('@string{m = {X}} @article{k, title = {T}, author = {M{\\"u}ller, Jo}, journal = m # undefd}'), {
    papers: [['k', 'T', ['Jo Müller'], 1, 'Xundefd']],
    diagnostics: [
      '1:84 warning Lectern: `@string` macro `undefd` is not defined (used by entry `k`); its name was kept as the value. Define it with `@string{undefd = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
});

test('a broken `@string` or `@preamble` is named as such; the entry after it loads', () => {
  assert.deepEqual(read('@string{x = {unclosed\n@article{b, title = {B}}'), {
    papers: [['b', 'B', [], 2, undefined]],
    diagnostics: [
      '1:13 error Lectern: an `@string` (line 1) could not be read: the `{` that opens field `x` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
    ],
  });
  assert.deepEqual(read('@preamble{"unclosed\n@article{b, title = {B}}').diagnostics, [
    '1:1 error Lectern: an `@preamble` (line 1) could not be read: a `"` is never closed; it was skipped. Fix the entry and reload — the entries after it still load.',
  ]);
});

test('two entries on one line: the parser`s complaint about the second is not pinned on the first', () => {
  assert.deepEqual(read('@article{a, title = {A}, author = {M{\\"u}ller, Jo}} @article{b, title = {B}, author = {M{\\"u}ller, $Jo}}'), {
    papers: [
      ['a', 'A', ['Jo Müller'], 1, undefined],
      ['b', 'B', ['Müller, $Jo'], 1, undefined],
    ],
    diagnostics: [
      '1:53 warning Lectern: entry `b` could not be fully read by the BibTeX parser (a `$` math section is never closed); it was loaded with its names split the simple way — check its `author` field.',
      '1:53 warning Lectern: entry `b` (line 1) has a name that cannot be split into family and given names: "Müller, $Jo"; it was kept whole, as written. Write it as `Family, Given` (or in braces for an organisation).',
    ],
  });
});

test('a field over maxFieldChars is dropped at its name, and a later occurrence of it is used', () => {
  const context = defaultImportContext();
  context.limits = { ...context.limits, maxFieldChars: 20 };
  for (const author of ['', ', author = {M{\\"u}ller, Jo}']) {
    const result = importBibtex('x.bib', `@article{k, title = {A title that is far too long here}, title = {Short}${author}}`, context);
    assert.deepEqual(
      result.papers.map((p) => [p.title, p.authors]),
      [['Short', author ? ['Jo Müller'] : []]],
    );
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
      [
        '1:13 warning Lectern: field `title` of entry `k` is 33 characters long, over the limit of 20; the field was dropped and the rest of the entry loaded. Shorten the field.',
      ],
    );
  }
});

test('`@string {` and `@ string{` define macros; an entry that starts with a field has no key', () => {
  assert.deepEqual(read('@string {j = {Journal}}\n@ string{k = {Kournal}}\n@article{a, title = {T}, journal = j # { } # k}'), {
    papers: [['a', 'T', [], 3, 'Journal Kournal']],
    diagnostics: [],
  });
  assert.deepEqual(read('@misc{title = {No key}, author = {Doe, Jane}}\n@misc{title = {No key 2}, author = {M{\\"u}ller, Jo}}'), {
    papers: [
      [undefined, 'No key', ['Jane Doe'], 1, undefined],
      [undefined, 'No key 2', ['Jo Müller'], 2, undefined],
    ],
    diagnostics: [],
  });
  assert.deepEqual(read('@misc{author = {Doe, Jane}}').diagnostics, [
    '1:1 warning Lectern: an `@misc` entry without a citation key (line 1) has no title; it was skipped. Add a `title` field so it can be listed.',
  ]);
});
