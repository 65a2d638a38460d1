import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedCorpus } from '../../../test/support/shared-corpora';
import { scanBibtex } from '../import/bibtex-scanner';
import { isPdfAttachment, parseFileField } from './file-field';

test('Zotero (built-in BibTeX export): title:path:mime with \\: and \\\\ escaped, several files joined by ;', () => {
  const raw =
    'Flerus et al_2012_A molecular perspective.pdf:C\\:\\\\Users\\\\mse041\\\\Zotero\\\\storage\\\\SJ69KNRY\\\\Flerus et al_2012_A molecular perspective.pdf:application/pdf;' +
    'Snapshot:C\\:\\\\Users\\\\mse041\\\\Zotero\\\\storage\\\\QNJCMPE9\\\\B978.html:text/html';
  const files = parseFileField(raw);
  assert.deepEqual(files, [
    {
      path: 'C:\\Users\\mse041\\Zotero\\storage\\SJ69KNRY\\Flerus et al_2012_A molecular perspective.pdf',
      description: 'Flerus et al_2012_A molecular perspective.pdf',
      type: 'application/pdf',
    },
    { path: 'C:\\Users\\mse041\\Zotero\\storage\\QNJCMPE9\\B978.html', description: 'Snapshot', type: 'text/html' },
  ]);
  assert.deepEqual(files.map(isPdfAttachment), [true, false]);
});

test("Zotero's apostrophes and a description with a colon stay in the path and title", () => {
  const [file] = parseFileField(
    "D'andrilli\\: FTMS.pdf:C\\:\\\\Users\\\\me\\\\Zotero\\\\storage\\\\VGCZ\\\\D'andrilli_2010.pdf:application/pdf",
  );
  assert.equal(file.description, "D'andrilli: FTMS.pdf");
  assert.equal(file.path, "C:\\Users\\me\\Zotero\\storage\\VGCZ\\D'andrilli_2010.pdf");
});

test('Mendeley (macOS/Linux): :path:pdf with the leading slash dropped and TeX in the path', () => {
  const files = parseFileField(
    ":Users/Aurina/GoogleDrive/Genetics{\\_}connectome/Literature/Zamora-L{\\'{o}}pez {\\&} Kurths - 2010.pdf:pdf;" +
      ':Users/Aurina/Library/Application Support/Mendeley Desktop/Downloaded/Kang et al. - 2011(2).pdf:pdf',
  );
  assert.deepEqual(files, [
    { path: 'Users/Aurina/GoogleDrive/Genetics_connectome/Literature/Zamora-López & Kurths - 2010.pdf', type: 'pdf', mendeley: true },
    { path: 'Users/Aurina/Library/Application Support/Mendeley Desktop/Downloaded/Kang et al. - 2011(2).pdf', type: 'pdf', mendeley: true },
  ]);
  assert.ok(files.every(isPdfAttachment));
});

test('Mendeley (Windows): the drive colon written as $\\backslash$:', () => {
  const [file] = parseFileField(':C$\\backslash$:/Users/me/Documents/Mendeley Desktop/Smith - 2019.pdf:pdf');
  assert.deepEqual(file, { path: 'C:/Users/me/Documents/Mendeley Desktop/Smith - 2019.pdf', type: 'pdf' });
});

test('Mendeley: an uppercase PDF type and a non-PDF attachment', () => {
  const files = parseFileField(':Users/me/Lit/Wen - Grey-White.PDF:PDF;:Users/me/Downloaded/hgug4112a.sqlite:sqlite');
  assert.deepEqual(files.map(isPdfAttachment), [true, false]);
});

test('Better BibTeX: plain absolute paths joined by ;, an escaped ; inside a path', () => {
  assert.deepEqual(parseFileField('/home/me/Zotero/storage/AB12CD34/Vaswani et al. - 2017.pdf;/home/me/Zotero/storage/ZZ/a\\;b.pdf'), [
    { path: '/home/me/Zotero/storage/AB12CD34/Vaswani et al. - 2017.pdf' },
    { path: '/home/me/Zotero/storage/ZZ/a;b.pdf' },
  ]);
});

test('Better BibTeX on Windows: an unescaped drive letter is part of the path', () => {
  assert.deepEqual(parseFileField('C:\\Users\\me\\Zotero\\storage\\AB\\paper.pdf'), [
    { path: 'C:\\Users\\me\\Zotero\\storage\\AB\\paper.pdf' },
  ]);
});

test('JabRef: description:relative path:type, and an empty description', () => {
  assert.deepEqual(parseFileField('Full text:pdfs/Smith2020 - Deep.pdf:PDF;:papers/other.pdf:PDF'), [
    { path: 'pdfs/Smith2020 - Deep.pdf', description: 'Full text', type: 'PDF' },
    { path: 'papers/other.pdf', type: 'PDF', mendeley: true },
  ]);
});

test('a relative path alone, file: URLs, and empty pieces', () => {
  assert.deepEqual(parseFileField('papers/pdf/x.pdf'), [{ path: 'papers/pdf/x.pdf' }]);
  assert.deepEqual(parseFileField('file:///home/me/a%20b.pdf'), [{ path: 'file:///home/me/a%20b.pdf' }]);
  assert.deepEqual(parseFileField(' ; ;'), []);
  assert.deepEqual(parseFileField('Snapshot::text/html'), []);
});

/** Every `file` field of a real export, read as the scanner gives it. */
function fileFields(path: string): string[] {
  return scanBibtex(readFileSync(path, 'utf8')).flatMap((item) =>
    item.fields.filter((field) => field.name === 'file').map((field) => field.parts.map((part) => part.text).join('')),
  );
}

const zotero = sharedCorpus('bibtex_zotero_marine-chemistry_my-library.bib');
test('every file field of a real Zotero export gives Windows paths under Zotero storage', { skip: zotero.skip }, () => {
  const fields = fileFields(zotero.path);
  assert.ok(fields.length > 1000, `${fields.length} file fields`);
  const files = fields.flatMap(parseFileField);
  assert.ok(files.length >= fields.length);
  for (const file of files) assert.match(file.path, /^C:\\Users\\mse041\\Zotero\\storage\\[A-Z0-9]{8}\\[^\\]+$/, file.path);
  assert.ok(files.filter(isPdfAttachment).length > 900);
});

const mendeley = sharedCorpus('bibtex_mendeley_neuroscience_library.bib');
test('every file field of a real Mendeley export gives a Mendeley-style path without TeX left', { skip: mendeley.skip }, () => {
  const files = fileFields(mendeley.path).flatMap(parseFileField);
  assert.ok(files.length > 550, `${files.length} files`);
  for (const file of files) {
    assert.equal(file.mendeley, true, file.path);
    assert.match(file.path, /^Users\/Aurina\//);
    // Math runs (`APOE $\epsilon$4`) are kept as written; nothing else of TeX is left.
    assert.doesNotMatch(file.path.replace(/\$[^$]*\$/g, ''), /[{}]|\\/, file.path);
  }
  assert.ok(files.some((file) => file.path.includes('Genetics_connectome')));
  // `$\backslash$;` is Mendeley's escaped `;` inside a file name, not a separator.
  assert.ok(files.some((file) => file.path.includes('Hawrylycz, Michael J.; Ao, Nancy;')));
});
