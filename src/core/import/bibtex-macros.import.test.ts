// `@string` macros and BibTeX's built-in macros as a user sees them in the imported papers: expanded values,
// month macros outside the `month` field, and the warnings about macros that are undefined or refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';
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
      '1:35 Lectern: `@string` macro `jcp` is not defined (used by an entry and 1 more use); its name was kept as the value. Define it with `@string{jcp = {…}}` in this file.',
    ],
  });
});

test('past 50 undefined macros, the rest are summed up in one warning naming the first five', () => {
  const text = Array.from({ length: 57 }, (_, i) => `@misc{k${i}, title = {T${i}}, journal = j${i}}`).join('\n');
  const { diagnostics } = diagnosticsOf(text);
  assert.equal(diagnostics.length, 51);
  assert.equal(
    diagnostics[49],
    '50:37 Lectern: `@string` macro `j49` is not defined (used by entry `k49`); its name was kept as the value. Define it with `@string{j49 = {…}}` in this file.',
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
