import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, sharedCorpus } from '../../../test/support/shared-corpora';
import type { Paper } from '../model/paper';
import { resolveCitationStyle } from './citation-style';
import { renderReference, warmUpStyle } from './csl-engine';
import { formatCitation } from './format-citation';

const apa = readFileSync(join(repoRoot, 'media', 'csl', 'apa.csl'), 'utf8');
const enUs = readFileSync(join(repoRoot, 'media', 'csl', 'locales-en-US.xml'), 'utf8');
const bundled = { bundledStyle: apa, bundledLocale: enUs };
// ../shared/csl holds the files as taken from the CSL repositories (see its SOURCES.md).
const sharedCsl = sharedCorpus(join('..', 'csl', 'apa.csl'));

const smith: Paper = {
  id: 'smith2020',
  title: 'Ocean acidification',
  authors: [],
  abstract: '',
  keywords: [],
  categories: [],
  topics: [],
  source: { file: 'refs.json', line: 1 },
  csl: {
    id: 'smith2020',
    type: 'article-journal',
    title: 'Ocean acidification',
    author: [{ family: 'Smith', given: 'Jane' }],
    issued: { 'date-parts': [[2020]] },
    'container-title': 'Marine Chemistry',
  },
};

// A small complete style: its references are the locale's "retrieved" term (capitalised as the first word of an entry), then the title in italics.
const tiny = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">',
  '  <info><title>Tiny &amp; Plain</title></info>',
  '  <citation><layout prefix="[" suffix="]"><text variable="title"/></layout></citation>',
  '  <bibliography><layout><text term="retrieved"/><text variable="title" font-style="italic" prefix=" "/></layout></bibliography>',
  '</style>',
].join('\n');

test('the bundled style and locale are the CSL project files, byte for byte', { skip: sharedCsl.skip || false }, () => {
  for (const file of ['apa.csl', 'locales-en-US.xml'])
    assert.ok(readFileSync(join(repoRoot, 'media', 'csl', file)).equals(readFileSync(join(dirname(sharedCsl.path), file))), file);
});

test('by default the style is the bundled APA 7th edition in en-US', () => {
  const { style, diagnostics, notices } = resolveCitationStyle(bundled);
  assert.deepEqual([diagnostics, notices], [[], []]);
  assert.equal(style.title, 'APA Style 7th edition');
  assert.equal(style.file, 'bundled');
  assert.equal(style.lang, 'en-US');
  assert.equal(formatCitation(smith, 'apa', { style }), 'Smith, J. (2020). Ocean acidification. *Marine Chemistry*.');
});

test('a workspace .csl style formats references, with its own title', () => {
  const { style, diagnostics } = resolveCitationStyle({ ...bundled, style: { file: 'styles/tiny.csl', text: tiny } });
  assert.deepEqual(diagnostics, []);
  assert.equal(style.title, 'Tiny & Plain');
  assert.equal(formatCitation(smith, 'apa', { style }), 'Retrieved *Ocean acidification*');
  assert.equal(formatCitation(smith, 'in-text', { style }), '[Ocean acidification]');
});

test('a style that is not well-formed XML is reported at its line and column; APA is used instead', () => {
  const broken = apa.replace('</info>', '</inf>');
  const line = apa.slice(0, apa.indexOf('</info>')).split('\n').length;
  const { style, diagnostics } = resolveCitationStyle({ ...bundled, style: { file: 'styles/apa-edited.csl', text: broken } });
  assert.equal(style.file, 'bundled');
  assert.equal(style.styleXml, apa);
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.deepEqual([d.file, d.line, d.column, d.severity], ['styles/apa-edited.csl', line, 3, 'error']);
  assert.match(
    d.message,
    /^Lectern: the citation style styles\/apa-edited\.csl is not well-formed XML at line \d+, column 3: `<\/inf>` closes `<info>` \(opened at line 4\)\. .*Using APA 7th edition meanwhile\.$/,
  );
});

test('a dependent style names its parent, at the line of the link', () => {
  const dependent = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">',
    '  <info>',
    '    <title>Journal of Marine Research</title>',
    '    <id>http://www.zotero.org/styles/journal-of-marine-research</id>',
    '    <link href="http://www.zotero.org/styles/journal-of-marine-research" rel="self"/>',
    '    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>',
    '  </info>',
    '</style>',
  ].join('\n');
  const { style, diagnostics } = resolveCitationStyle({ ...bundled, style: { file: 'jmr.csl', text: dependent } });
  assert.equal(style.file, 'bundled');
  assert.deepEqual([diagnostics[0].file, diagnostics[0].line, diagnostics[0].column], ['jmr.csl', 7, 5]);
  assert.match(
    diagnostics[0].message,
    /dependent CSL style: it only points to its parent style http:\/\/www\.zotero\.org\/styles\/apa\. Download that parent style/,
  );
});

test('a file that is no CSL style, a style without <citation>, and an unreadable file are reported', () => {
  const cases = [
    { text: enUs, message: /is not a CSL style \(its root element is <locale>, not <style>\)/ },
    { text: '<style xmlns="http://purl.org/net/xbiblio/csl"><info/></style>', message: /has no <citation> element/ },
    {
      readError: 'no such file',
      message:
        /^Lectern: cannot read the citation style x\.csl \(no such file\); check the path \(setting lectern\.citation\.style, or --style in the CLI\)\./,
    },
  ];
  for (const { message, ...source } of cases) {
    const { style, diagnostics } = resolveCitationStyle({ ...bundled, style: { file: 'x.csl', ...source } });
    assert.equal(style.file, 'bundled');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, message);
  }
});

test('an unknown locale code is a notice and en-US is used; a locale file sets the language', () => {
  const unknown = resolveCitationStyle({ ...bundled, locale: 'de-DE' });
  assert.equal(unknown.style.lang, 'en-US');
  assert.match(
    unknown.notices[0],
    /^Lectern: the citation locale "de-DE" is not bundled \(Lectern ships en-US\)\. Download locales-de-DE\.xml/,
  );
  assert.deepEqual(resolveCitationStyle({ ...bundled, locale: 'en-us' }).notices, []);

  const french = enUs
    .replace('xml:lang="en-US"', 'xml:lang="fr-FR"')
    .replace('<term name="retrieved">retrieved</term>', '<term name="retrieved">consulté</term>');
  const { style, diagnostics } = resolveCitationStyle({
    ...bundled,
    style: { file: 'tiny.csl', text: tiny },
    locale: { file: 'locales-fr-FR.xml', text: french },
  });
  assert.deepEqual(diagnostics, []);
  assert.equal(style.lang, 'fr-FR');
  assert.equal(renderReference(style, { id: 'a', type: 'book', title: 'Océans' }, 'text'), 'Consulté Océans');
});

test('a locale file that does not parse, or is not a locale, is reported and en-US is used', () => {
  const broken = resolveCitationStyle({
    ...bundled,
    locale: { file: 'locales-xx.xml', text: '<locale xml:lang="xx">\n  <terms>\n</locale>' },
  });
  assert.equal(broken.style.lang, 'en-US');
  assert.deepEqual([broken.diagnostics[0].file, broken.diagnostics[0].line], ['locales-xx.xml', 3]);
  assert.match(
    broken.diagnostics[0].message,
    /is not well-formed XML at line 3, column 1: `<\/locale>` closes `<terms>`.*Using en-US meanwhile\.$/,
  );
  const notLocale = resolveCitationStyle({ ...bundled, locale: { file: 'apa.csl', text: apa } });
  assert.match(notLocale.diagnostics[0].message, /apa\.csl is not a CSL locale/);
});

test('a style whose default locale is not loaded formats with en-US terms and says so', () => {
  const german = tiny.replace('version="1.0">', 'version="1.0" default-locale="de-DE">');
  const { style, notices } = resolveCitationStyle({ ...bundled, style: { file: 'din.csl', text: german } });
  assert.match(notices[0], /din\.csl is written for the locale de-DE, which is not bundled/);
  assert.equal(renderReference(style, { id: 'a', type: 'book', title: 'T' }, 'text'), 'Retrieved T');
});

test('a well-formed style citeproc-js rejects fails with a Lectern message naming the file', () => {
  const bogus = tiny.replace('<text variable="title"/>', '<text variable="title"/><bogus/>');
  const { style, diagnostics } = resolveCitationStyle({ ...bundled, style: { file: 'bogus.csl', text: bogus } });
  assert.deepEqual(diagnostics, []);
  assert.match(
    warmUpStyle(style) ?? '',
    /^Lectern: the citation style bogus\.csl could not be used \(.*bogus.*\); fix it, or choose another style \(setting lectern\.citation\.style, or --style in the CLI\)\.$/,
  );
  assert.throws(() => formatCitation(smith, 'apa', { style }), /^Error: Lectern: the citation style bogus\.csl could not be used/);
});

test('a record changed under the same citekey is formatted anew, not from the engine cache', () => {
  const { style } = resolveCitationStyle(bundled);
  const first = renderReference(style, { id: 'k', type: 'book', title: 'First' }, 'text');
  const second = renderReference(style, { id: 'k', type: 'book', title: 'Second' }, 'text');
  assert.deepEqual([first, second], ['First. (n.d.).', 'Second. (n.d.).']);
});
