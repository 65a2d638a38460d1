import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentFingerprint } from '../corpus/content-fingerprint';
import { repoRoot } from '../../../test/support/shared-corpora';
import { importCorpusFile } from './import-corpus-file';
import { IMPORT_VERSION } from './import-version';

/**
 * What the importers make of the import fixtures (papers and diagnostics), as a digest, for the version that makes
 * it. Corpus fingerprints hold `IMPORT_VERSION`: when an importer's papers change and the version does not, a user's
 * window would search a cached index built from the earlier papers' texts. A digest that changed: bump
 * `IMPORT_VERSION`, then record the new digest here with it.
 */
const RECORDED = { version: 3, digest: 'b56ef61fe727bf16341313c4b7b0c697' };

/** Records as reference managers export publishers' abstracts (markup, entities, labels, Mendeley's escapes), beside the fixtures. */
const PUBLISHER_TEXTS: Array<[string, string]> = [
  [
    'publisher.bib',
    [
      '@article{seep2018,',
      '  title = {Seep fauna of {\\textless}i{\\textgreater}Pingo{\\textless}/i{\\textgreater} mounds},',
      '  abstract = {<p><strong>Abstract.</strong> Methane (<span class="inline-formula">CH<sub>4</sub></span>) at 30&thinsp;cm.</p>},',
      '}',
    ].join('\n'),
  ],
  [
    'mendeley-and-latex.bib',
    [
      '@article{Worm2015,',
      'abstract = {UNLABELLED: The $\\backslash$textit{\\{}C. elegans{\\}} wiring, {\\~{}}300 neurons.$\\backslash$n$\\backslash$nAVAILABILITY: {\\$}\\backslashtau=1{\\$}.},',
      'isbn = {1745-1701 (Electronic)$\\backslash$r0586-7614 (Linking)},',
      'title = {{Worm wiring}},',
      '}',
      '@preamble{"\\providecommand{\\proglang}[1]{{#1}}"}',
      '@article{ranger2017, title = {{\\rpackage{ranger}} in \\proglang{R}, {$\\epsilon$}-Dominance and location--\\hspace{0pt}allocation}}',
    ].join('\n'),
  ],
  ['publisher.json', JSON.stringify([{ id: 'cs', type: 'article-journal', title: 'Sensing', abstract: 'Abstract Compressive sensing.' }])],
];

test('the importers give what the recorded IMPORT_VERSION gave (else bump it)', () => {
  const folder = join(repoRoot, 'test/fixtures/import');
  const files: Array<[string, Uint8Array | string]> = [
    ...readdirSync(folder)
      .sort()
      .map((name): [string, Uint8Array] => [name, readFileSync(join(folder, name))]),
    ...PUBLISHER_TEXTS,
  ];
  const results = files.map(([name, bytes]) => importCorpusFile(name, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes));
  assert.deepEqual(
    { version: IMPORT_VERSION, digest: contentFingerprint(JSON.stringify(results)) },
    RECORDED,
    'what the importers give changed: bump IMPORT_VERSION (src/core/import/import-version.ts), record this digest with it',
  );
});
