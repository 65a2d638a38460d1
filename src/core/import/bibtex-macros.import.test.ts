// `@string` macros and BibTeX's built-in macros as a user sees them in the imported papers: expanded values,
// month macros outside the `month` field, and the warnings about macros that are undefined or refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { importBibtex } from './bibtex-importer';
import { BIBTEX_PARSER_OPTIONS } from './bibtex-parser-settings';
import { DamagedBytes, DEFAULT_IMPORT_LIMITS, type ResolvedImportLimits } from './import-limits';

const only = (text: string) => {
  const result = importBibtex('refs.bib', text);
  assert.deepEqual(result.diagnostics, [], 'no diagnostics');
  assert.equal(result.papers.length, 1, 'one paper');
  return result.papers[0];
};

test('a month macro outside the `month` field reads as the month name BibTeX defines, not its number', () => {
  const report = only('@techreport{k, title = {Progress Report for } # jan # { } # 2020, institution = {CERN}, year = 2020, month = jan}');
  assert.equal(report.title, 'Progress Report for January 2020');
  assert.equal(report.date, '2020-01', 'in `month` the name still gives the month');
  // Inside an `@string`, with TeX names (the entry goes through the parser), and every abbreviation BibTeX defines.
  const issue = only(
    '@string{issue = sep # " 2019"}\n@article{k, title = {T}, author = {M{\\"u}ller, Jo}, journal = "Newsletter, " # issue, year = 2019, month = sep}',
  );
  assert.equal(issue.venue, 'Newsletter, September 2019');
  assert.equal(issue.date, '2019-09');
  const abbreviations = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  abbreviations.forEach((abbreviation, i) => {
    const paper = only(`@misc{k, title = {Meeting, } # ${abbreviation.toUpperCase()} # {~2021}, year = 2021, month = ${abbreviation}}`);
    assert.equal(paper.title, `Meeting, ${names[i]} 2021`, abbreviation);
    assert.equal(paper.date, `2021-${String(i + 1).padStart(2, '0')}`, abbreviation);
  });
});

test('a month macro joined to a day in `month` still gives the month (it was lost as "01~15")', () => {
  assert.equal(only('@inproceedings{k, title = {T}, booktitle = {B}, year = 2020, month = jan # "~15"}').date, '2020-01');
});

const diagnosticsOf = (text: string, limits: Partial<ResolvedImportLimits> = {}) => {
  const result = importBibtex('refs.bib', text, { limits: { ...DEFAULT_IMPORT_LIMITS, ...limits }, damage: new DamagedBytes() });
  return {
    venues: result.papers.map((p) => p.venue ?? null),
    diagnostics: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
  };
};

test('an undefined macro is reported once, naming the entry (or "an entry" without a key) and counting the other uses', () => {
  assert.deepEqual(diagnosticsOf('@misc{title = {No key}, journal = jcp}\n@misc{k2, title = {T2}, journal = JCP}'), {
    venues: ['jcp', 'JCP'],
    diagnostics: [
      '1:35 Lectern: `@string` macro `jcp` is not defined (used by an entry and 1 more use); its name was kept as the value. Define it with `@string{jcp = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
});

test('past 50 undefined macros, the rest are summed up in one warning naming the first five', () => {
  const text = Array.from({ length: 57 }, (_, i) => `@misc{k${i}, title = {T${i}}, journal = j${i}}`).join('\n');
  const { diagnostics } = diagnosticsOf(text);
  assert.equal(diagnostics.length, 51);
  assert.equal(
    diagnostics[49],
    '50:37 Lectern: `@string` macro `j49` is not defined (used by entry `k49`); its name was kept as the value. Define it with `@string{j49 = {…}}` in this file or in another .bib file of its folder.',
  );
  assert.equal(
    diagnostics[50],
    '51:37 Lectern: 7 more `@string` macros are not defined (`j50`, `j51`, `j52`, `j53`, `j54`, …); their names were kept as values. Add the `@string` definitions to this file — macros defined in other .bib files are not read.',
  );
});

test('a braced word that is also a macro name is text: it counts as its own length against the field limit', () => {
  const text = '@string{acm = {Association for Computing Machinery}}\n@book{k, title = {T}, publisher = {ACM}, note = acm}';
  assert.deepEqual(diagnosticsOf(text, { maxFieldChars: 20 }).diagnostics, [
    '2:42 Lectern: field `note` of entry `k` is 35 characters long, over the limit of 20; the field was dropped and the rest of the entry loaded. Shorten the field.',
  ]);
});

test('macro names with digits (`proc2019`, `3dv`) count against the expansion budget; only plain numbers do not', () => {
  for (const name of ['proc2019', '3dv']) {
    const entries = Array.from({ length: 66 }, (_, i) => `@inproceedings{k${i}, title = {T${i}}, booktitle = ${name}, year = 2019}`);
    const { venues, diagnostics } = diagnosticsOf(`@string{${name} = "0123456789"}\n${entries.join('\n')}\n`, { maxMacroChars: 10 });
    assert.deepEqual(venues.slice(63), ['0123456789', name, name], name);
    assert.equal(diagnostics.length, 1, name);
    assert.match(diagnostics[0], /^66:\d+ Lectern: `@string` macros have added more than 640 characters to this file's fields/, name);
  }
});

const notExpanded = (where: string, name: string, line: number) =>
  `${where} Lectern: \`@string\` macro \`${name}\` was not expanded (used by entry \`k\`; see the warning on line ${line}); its name was kept as the value. Fix the macro's definition.`;
const cycle = (where: string, names: string, path: string) =>
  `${where} Lectern: \`@string\` macros ${names} are defined in terms of each other (${path}); they were not expanded, and fields that use them keep the macro name. Break the cycle.`;

test('a cycle below the macro a field uses is named alone, at its earliest definition; the use points there', () => {
  const text =
    '@string{venue = procs}\n@string{ieee = procs # " (IEEE)"}\n@string{procs = ieee}\n@inproceedings{k, title = {T}, booktitle = venue}';
  assert.deepEqual(diagnosticsOf(text), {
    venues: ['venue'],
    diagnostics: [cycle('2:1', '`procs` and `ieee`', '`procs` on line 3 → `ieee` on line 2 → `procs`'), notExpanded('4:44', 'venue', 2)],
  });
});

test('a macro defined in terms of itself; a cycle met twice is reported once; two cycles through one macro, twice', () => {
  assert.deepEqual(diagnosticsOf('@string{self = self # "x"}\n@article{k, title = {T}, journal = self}').diagnostics, [
    '1:1 Lectern: `@string` macro `self` is defined in terms of itself (`self` on line 1 → `self`); it was not expanded, and fields that use it keep the macro name. Break the cycle.',
    notExpanded('2:36', 'self', 1),
  ]);
  assert.deepEqual(diagnosticsOf('@string{d0 = d1 # d1}\n@string{d1 = d0 # d0}\n@article{k, title = {T}, journal = d1}').diagnostics, [
    cycle('1:1', '`d0` and `d1`', '`d0` on line 1 → `d1` on line 2 → `d0`'),
    notExpanded('3:36', 'd1', 1),
  ]);
  assert.deepEqual(diagnosticsOf('@string{a = b # c}\n@string{b = a}\n@string{c = a}\n@article{k, title = {T}, journal = c}').diagnostics, [
    cycle('1:1', '`a` and `b`', '`a` on line 1 → `b` on line 2 → `a`'),
    cycle('1:1', '`a` and `c`', '`a` on line 1 → `c` on line 3 → `a`'),
    notExpanded('4:36', 'c', 1),
  ]);
});

test('a macro over the size limit by its own text, or nested too deep: refused at its definition, the use points there', () => {
  assert.deepEqual(
    diagnosticsOf('@string{pub = "Association for Computing Machinery"}\n@book{k, title = {T}, publisher = pub}', { maxMacroChars: 10 })
      .diagnostics,
    [
      '1:1 Lectern: `@string` macro `pub` would expand to 35 characters, over the limit of 10; it was not expanded (nor any macro that uses it), and fields that use it keep the macro name. Check its definition — macros that repeat each other grow exponentially.',
      notExpanded('2:35', 'pub', 1),
    ],
  );
  // Over the limit through a built-in macro: `jan` counts as "January".
  assert.deepEqual(diagnosticsOf('@string{when = jan # " 2020"}', { maxMacroChars: 10 }).diagnostics, [
    '1:1 Lectern: `@string` macro `when` would expand to 12 characters, over the limit of 10; it was not expanded (nor any macro that uses it), and fields that use it keep the macro name. Check its definition — macros that repeat each other grow exponentially.',
  ]);
  // Over the limit only with what it adds to a macro under it.
  assert.deepEqual(
    diagnosticsOf(
      '@string{acm = "Association for Computing Machinery"}\n@string{press = acm # " Press"}\n@book{k, title = {T}, publisher = acm, note = press}',
      {
        maxMacroChars: 40,
      },
    ).diagnostics,
    [
      '2:1 Lectern: `@string` macro `press` would expand to 41 characters, over the limit of 40; it was not expanded (nor any macro that uses it), and fields that use it keep the macro name. Check its definition — macros that repeat each other grow exponentially.',
      notExpanded('3:47', 'press', 2),
    ],
  );
  assert.deepEqual(
    diagnosticsOf('@string{a = "x"}\n@string{b = a}\n@string{c = b}\n@article{k, title = {T}, journal = c}', { maxMacroDepth: 2 }),
    {
      venues: ['c'],
      diagnostics: [
        '3:1 Lectern: `@string` macro `c` nests 3 macros deep, over the limit of 2; it was not expanded, and fields that use it keep the macro name. Define it with fewer levels.',
        notExpanded('4:36', 'c', 3),
      ],
    },
  );
});

test('a macro whose name starts with digits is a macro, defined or not; a braced built-in name is text', () => {
  const defined =
    '@string{3dv = {3D Vision}}\n@string{conf = {International Conference on } # 3dv}\n@inproceedings{k, title = {T}, booktitle = conf}\n@inproceedings{k2, title = {T}, booktitle = 3DV}';
  assert.deepEqual(diagnosticsOf(defined), { venues: ['International Conference on 3D Vision', '3D Vision'], diagnostics: [] });
  assert.deepEqual(diagnosticsOf('@inproceedings{k, title = {T}, booktitle = 3dv}'), {
    venues: ['3dv'],
    diagnostics: [
      '1:44 Lectern: `@string` macro `3dv` is not defined (used by entry `k`); its name was kept as the value. Define it with `@string{3dv = {…}}` in this file or in another .bib file of its folder.',
    ],
  });
  assert.deepEqual(diagnosticsOf('@article{k, title = {T}, journal = {CACM}}\n@article{k2, title = {T}, journal = CACM}'), {
    venues: ['CACM', 'Communications of the ACM'],
    diagnostics: [],
  });
});

test('a field exactly at the size limit is kept; exactly 50 undefined macros are each reported, with no summary', () => {
  assert.deepEqual(diagnosticsOf('@article{k, title = {T}, journal = {0123456789}}', { maxFieldChars: 10 }), {
    venues: ['0123456789'],
    diagnostics: [],
  });
  const text = Array.from({ length: 50 }, (_, i) => `@misc{k${i}, title = {T${i}}, journal = j${i}}`).join('\n');
  const { diagnostics } = diagnosticsOf(text);
  assert.equal(diagnostics.length, 50);
  assert.ok(diagnostics.every((d, i) => new RegExp(`^${i + 1}:\\d+ Lectern: \`@string\` macro \`j${i}\` is not defined`).test(d)));
});

test("BibTeX's built-in journal macros expand to the names the BibTeX parser gives them", () => {
  const names = ['acmcs', 'acta', 'cacm', 'ibmjrd', 'ibmsj', 'ieeese', 'ieeetc', 'ieeetcad', 'ipl', 'jacm', 'jcss', 'scp', 'sicomp'];
  names.push('tocs', 'tods', 'tog', 'toms', 'toois', 'toplas', 'tcs');
  const text = names.map((name) => `@article{${name}, title = {T}, journal = ${name}}`).join('\n');
  const fromParser = parseBibtex(text, BIBTEX_PARSER_OPTIONS).entries.map((entry) => entry.fields.journal);
  assert.equal(fromParser.length, names.length);
  assert.ok(fromParser.every((journal, i) => typeof journal === 'string' && journal.toLowerCase() !== names[i]));
  assert.deepEqual(diagnosticsOf(text), { venues: fromParser, diagnostics: [] });
});
