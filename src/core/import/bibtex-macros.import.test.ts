// `@string` macros and BibTeX's built-in macros as a user sees them in the imported papers: expanded values,
// month macros outside the `month` field, and the warnings about macros that are undefined or refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBibtex } from './bibtex-importer';

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
