import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { parseTaxonomy } from '../../src/core/topics/load-taxonomy';
import { addCurationEntry } from '../../src/core/topics/edit-curation';
import { checkJsonSchema } from '../support/json-schema-check';
import { repoRoot } from '../support/shared-corpora';

// schemas/topics.schema.json gives completion and squiggles while a user edits .lectern/topics.json
// (package.json `jsonValidation`). It must agree with the reader that loads the file
// (core/topics/load-taxonomy + read-curation): what the reader reads cleanly the schema accepts, and
// what the reader reports as an error the schema rejects, so the editor never contradicts Problems.

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'topics.schema.json'), 'utf8')) as Record<string, unknown>;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { jsonValidation?: { fileMatch: string | string[]; url: string }[] };
};

/** The file as VS Code's JSON language reads it (comments and trailing commas allowed). */
function jsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, [], 'the test file is well-formed JSON with comments');
  return value;
}

const readerVerdict = (text: string) => parseTaxonomy('/w/.lectern/topics.json', text).diagnostics;
const schemaProblems = (text: string) => checkJsonSchema(schema, jsonc(text));

test('package.json points VS Code at the schema for every workspace folder’s .lectern/topics.json', () => {
  const entries = manifest.contributes.jsonValidation ?? [];
  const entry = entries.find((candidate) => candidate.url === './schemas/topics.schema.json');
  assert.ok(entry, 'a jsonValidation entry for schemas/topics.schema.json');
  assert.deepEqual([entry.fileMatch].flat(), ['**/.lectern/topics.json']);
});

const README_EXAMPLE = (() => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Shaping the tree'));
  return /```jsonc\n([\s\S]*?)```/.exec(section)![1];
})();

const CLEAN_FILES: Record<string, string> = {
  'the bundled sample taxonomy (corpus/topics.json)': readFileSync(join(repoRoot, 'corpus', 'topics.json'), 'utf8'),
  "the README's curation example": README_EXAMPLE,
  'the file Lectern creates on the first change to the tree': (() => {
    const created = addCurationEntry(undefined, { rename: 'Shot Learning', to: 'Few-Shot Learning' });
    assert.ok('text' in created);
    return created.text;
  })(),
  'a hand-written taxonomy: weights, a list of terms, exclude, minScore, comments, $ keys, trailing commas': `{
    // my law library
    "$comment": "topics for the tribunal project",
    "version": 1,
    "minScore": 2.5,
    "topics": {
      "Speech Recognition": { "terms": { "speech recognition": 4, "asr": 3, "transcript": 1.5 }, "exclude": ["speech act"] },
      "Court Records": { "terms": ["court record", "registry", "docket"], "minScore": 1, "$why": "a list weighs 1 each" },
      "$draft": { "anything": "goes" },
    },
    "curation": [
      { "move": "okafor2021tribunals", "to": "Court Records" },
      { "split": "Court Records", "into": "Dockets", "papers": ["2403.01234", "smith2020"], "$note": "kept apart" },
      { "merge": ["Dockets"], "into": "Court Records" },
      { "rename": "Other", "to": "Unsorted" },
    ],
  }`,
  'curation only (no topics of its own)': '{ "curation": [{ "hide": "Equations" }, { "pin": "2402.11111", "to": "Few-Shot Learning" }] }',
};

for (const [name, text] of Object.entries(CLEAN_FILES)) {
  test(`accepted by the reader and the schema alike: ${name}`, () => {
    assert.deepEqual(readerVerdict(text), []);
    assert.deepEqual(schemaProblems(text), []);
  });
}

/** Files a user could write that the reader reports as errors (each the smallest such mistake). */
const BROKEN_FILES: Record<string, string> = {
  'not an object': '[{ "topics": {} }]',
  'neither topics nor curation': '{ "minScore": 3 }',
  'minScore zero': '{ "minScore": 0, "topics": {} }',
  'minScore as text': '{ "minScore": "3", "topics": {} }',
  'topics is a list': '{ "topics": [] }',
  'a topic named Other': '{ "topics": { "other ": { "terms": ["x"] } } }',
  'a topic with a blank name': '{ "topics": { "  ": { "terms": ["x"] } } }',
  'a topic that is a list': '{ "topics": { "A": ["x"] } }',
  'a topic without terms': '{ "topics": { "A": { "exclude": ["x"] } } }',
  'a topic with empty terms': '{ "topics": { "A": { "terms": {} } } }',
  'a weight of zero': '{ "topics": { "A": { "terms": { "x": 0, "y": 1 } } } }',
  'a negative weight': '{ "topics": { "A": { "terms": { "x": -2, "y": 1 } } } }',
  'a weight in quotes': '{ "topics": { "A": { "terms": { "x": "2", "y": 1 } } } }',
  'terms as one string': '{ "topics": { "A": { "terms": "x" } } }',
  'a term list with a number': '{ "topics": { "A": { "terms": ["x", 3] } } }',
  'a term list with a blank phrase': '{ "topics": { "A": { "terms": ["x", " "] } } }',
  'exclude as a string': '{ "topics": { "A": { "terms": ["x"], "exclude": "y" } } }',
  'exclude with a blank phrase': '{ "topics": { "A": { "terms": ["x"], "exclude": [""] } } }',
  "a topic's minScore negative": '{ "topics": { "A": { "terms": ["x"], "minScore": -1 } } }',
  'curation as an object': '{ "curation": { "rename": "A", "to": "B" } }',
  'a step that is a string': '{ "curation": ["rename A to B"] }',
  'a step with no action': '{ "curation": [{ "to": "B" }] }',
  'a step with two actions': '{ "curation": [{ "rename": "A", "hide": "A", "to": "B" }] }',
  'rename without to': '{ "curation": [{ "rename": "A" }] }',
  'rename to Other': '{ "curation": [{ "rename": "A", "to": "Other" }] }',
  'rename to a blank name': '{ "curation": [{ "rename": "A", "to": "  " }] }',
  'rename of a number': '{ "curation": [{ "rename": 3, "to": "B" }] }',
  'merge of one name, not a list': '{ "curation": [{ "merge": "A", "into": "B" }] }',
  'merge of an empty list': '{ "curation": [{ "merge": [], "into": "B" }] }',
  'merge without into': '{ "curation": [{ "merge": ["A", "B"] }] }',
  'split by phrase and papers at once': '{ "curation": [{ "split": "A", "into": "B", "phrase": "x", "papers": ["p"] }] }',
  'split by neither': '{ "curation": [{ "split": "A", "into": "B" }] }',
  'split by a blank phrase': '{ "curation": [{ "split": "A", "into": "B", "phrase": " " }] }',
  'split with papers as one id': '{ "curation": [{ "split": "A", "into": "B", "papers": "p" }] }',
  'split with a blank paper id': '{ "curation": [{ "split": "A", "into": "B", "papers": ["p", ""] }] }',
  'move of a number': '{ "curation": [{ "move": 2403, "to": "B" }] }',
  'move into Other': '{ "curation": [{ "move": "p", "to": "OTHER" }] }',
  'pin without to': '{ "curation": [{ "pin": "p" }] }',
  'hide of a number': '{ "curation": [{ "hide": 3 }] }',
};

for (const [name, text] of Object.entries(BROKEN_FILES)) {
  test(`an error for the reader is an error for the schema: ${name}`, () => {
    const errors = readerVerdict(text).filter((diagnostic) => diagnostic.severity === 'error');
    assert.ok(errors.length > 0, `the reader reports an error (got ${JSON.stringify(readerVerdict(text))})`);
    assert.notDeepEqual(schemaProblems(text), [], 'the schema rejects it too');
  });
}

test('unknown properties, which the reader ignores with a warning, are flagged by the schema too (completion offers only known keys)', () => {
  for (const text of [
    '{ "topic": {}, "curation": [] }',
    '{ "topics": { "A": { "terms": ["x"], "weight": 2 } } }',
    '{ "curation": [{ "rename": "A", "to": "B", "because": "shorter" }] }',
  ]) {
    assert.ok(
      readerVerdict(text).some((diagnostic) => diagnostic.severity === 'warning'),
      text,
    );
    assert.notDeepEqual(schemaProblems(text), [], text);
  }
});

test('the checker used here does check: a schema keyword it does not know is refused, not skipped', () => {
  assert.throws(() => checkJsonSchema({ maxLength: 2 }, 'abc'), /maxLength/);
  assert.deepEqual(checkJsonSchema({ type: 'object', required: ['a'] }, {}), ['$: "a" is missing']);
});
