import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../../../test/support/shared-corpora';
import { parseTaxonomy } from './load-taxonomy';

const FILE = 'corpus/topics.json';

test('the bundled taxonomy parses cleanly and every topic has weighted terms', () => {
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, readFileSync(join(repoRoot, FILE), 'utf8'));
  assert.deepEqual(diagnostics, []);
  assert.ok(taxonomy && taxonomy.topics.length >= 10);
  assert.equal(taxonomy.minScore, 3);
  for (const topic of taxonomy.topics) {
    assert.ok(Object.keys(topic.terms).length > 0, topic.name);
    for (const weight of Object.values(topic.terms)) assert.ok(weight > 0);
  }
  const hallucination = taxonomy.topics.find((t) => t.name === 'Vision-Language Models & Hallucination');
  assert.equal(hallucination?.terms.hallucination, 4);
});

test('a missing comma is reported at its line and column with what to do; the rest of the file is still used', () => {
  const text = '{\n  "topics": {\n    "A": { "terms": { "x": 1 } }\n    "B": { "terms": { "y": 1 } }\n  }\n}\n';
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, text);
  assert.deepEqual(
    taxonomy?.topics.map((topic) => topic.name),
    ['A', 'B'],
  );
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.severity, 'error');
  assert.equal(d.line, 4);
  assert.equal(d.column, 5);
  assert.match(d.message, /^Lectern: corpus\/topics\.json:4:5: the topic taxonomy is not valid JSON: .*comma is probably missing/);
});

test('comments and trailing commas are accepted, as in VS Code settings files', () => {
  const text = [
    '// Topics for my library',
    '{',
    '  /* a block comment */',
    '  "minScore": 2, // inline',
    '  "topics": {',
    '    "Spiking Neural Networks": { "terms": { "spiking neural network": 4, "snn": 3, }, },',
    '  },',
    '}',
  ].join('\n');
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(taxonomy, {
    minScore: 2,
    topics: [{ name: 'Spiking Neural Networks', terms: { 'spiking neural network': 4, snn: 3 } }],
  });
});

test('a syntax error after a comment is reported at its own line and column', () => {
  const text = '{\n  // weights below\n  "topics": {\n    "A": { "terms": { "x": high } }\n  }\n}\n';
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, text);
  assert.deepEqual(taxonomy, { topics: [] }, 'topic A has no readable term');
  assert.deepEqual(
    diagnostics.map((d) => [d.line, d.column, d.severity]),
    [[4, 28, 'error']],
  );
  assert.match(diagnostics[0].message, /^Lectern: corpus\/topics\.json:4:28: the topic taxonomy is not valid JSON: a bare word/);
});

test('a byte-order mark is ignored and keeps positions', () => {
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, '\ufeff{ "topics": { "A": { "terms": { "x": 0 } } } }');
  assert.deepEqual(taxonomy, { topics: [] });
  assert.deepEqual(
    diagnostics.map((d) => [d.line, d.column]),
    [
      [1, 39],
      [1, 21],
    ],
  );
});

test('common JSON slips get specific advice', () => {
  const cases: Array<[string, RegExp, number, number]> = [
    ['{ "topics": { "A": { "terms": { "x": 1 } } } } }', /after the end of the JSON value/, 1, 48],
    ['{\n  /* my topics\n  "topics": {}\n}', /comment is not closed/, 2, 3],
    ['{ "topics": { "A": { "terms": { "x": tru } } } }', /bare word/, 1, 38],
    ['{ "topics": { "A": { "terms": { "x": 1 "y": 2 } } } }', /comma is probably missing/, 1, 40],
    ["{ 'topics': {} }", /double quotes/, 1, 3],
    ['{ "topics": { "A": { "terms": { "x": 1 } }', /expected ',' or '}'|ends where/, 1, 43],
    ['{ "topics": { "A": { "terms": { "unclosed: 1 } } } }', /not closed/, 1, 33],
    ['', /ends where a value was expected/, 1, 1],
  ];
  for (const [text, message, line, column] of cases) {
    const { diagnostics } = parseTaxonomy(FILE, text);
    assert.equal(diagnostics.length, 1, text);
    assert.match(diagnostics[0].message, message, text);
    assert.deepEqual([diagnostics[0].line, diagnostics[0].column], [line, column], text);
  }
});

test('a wrong shape is reported where it is; the valid rest of the file is still used', () => {
  const text = [
    '{',
    '  "$comment": "notes",',
    '  "colour": "blue",',
    '  "topics": {',
    '    "Good": { "terms": { "good phrase": 2, "bad weight": "high", "zero": 0 }, "exclude": ["not this"] },',
    '    "No Terms": { "exclude": ["x"] },',
    '    "Listed": { "terms": ["one phrase", "another phrase"], "minScore": 1, "colour": 1 },',
    '    "Other": { "terms": { "x": 1 } },',
    '    "Not An Object": 3',
    '  }',
    '}',
  ].join('\n');
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, text);
  assert.deepEqual(taxonomy, {
    topics: [
      { name: 'Good', terms: { 'good phrase': 2 }, exclude: ['not this'] },
      { name: 'Listed', terms: { 'one phrase': 1, 'another phrase': 1 }, minScore: 1 },
    ],
  });
  const found = diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.message.replace(/^Lectern: corpus\/topics\.json:\d+:\d+: /, '')}`,
  );
  assert.deepEqual(found, [
    '3:3 warning unknown property "colour" is ignored; the file knows "topics", "minScore" and "curation" (notes go in "$comment").',
    '5:58 error the weight of "bad weight" in topic "Good" must be a positive number such as 1 or 2.5; the term is skipped.',
    '5:74 error the weight of "zero" in topic "Good" must be a positive number such as 1 or 2.5; the term is skipped.',
    '6:17 error topic "No Terms" has no terms; add "terms": { "a phrase": 2 } so papers can be matched to it. It is skipped.',
    '7:75 warning unknown property "colour" in topic "Listed" is ignored; a topic knows "terms", "exclude" and "minScore".',
    '8:5 error "Other" is reserved for papers that match no topic; rename this topic.',
    '9:22 error topic "Not An Object" must be an object such as { "terms": { "phrase": 2 } }; it is skipped.',
  ]);
  for (const d of diagnostics) assert.match(d.message, /^Lectern: /);
});

test('a root that is not an object, or has no topics, says what the file should look like', () => {
  const array = parseTaxonomy(FILE, '[1, 2]');
  assert.equal(array.taxonomy, undefined);
  assert.match(array.diagnostics[0].message, /must be a JSON object such as \{ "topics"/);
  const empty = parseTaxonomy(FILE, '{}');
  assert.deepEqual(empty.taxonomy, { topics: [] });
  assert.match(empty.diagnostics[0].message, /has no "topics" property; add "topics"/);
});

test('parseTaxonomy never throws, whatever the file holds', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify({ topics: v })),
      ),
      (text) => {
        const { diagnostics } = parseTaxonomy(FILE, text);
        for (const d of diagnostics) {
          assert.match(d.message, /^Lectern: /);
          assert.ok(d.line >= 1 && d.column >= 1);
        }
      },
    ),
    { numRuns: 300, seed: 42 },
  );
});

test('a file that does not parse: the error at its line, and the topics and curation steps around it still apply', () => {
  const text = [
    '{',
    '  "topics": {',
    '    "Spiking": { "terms": { "spiking": 4 } }',
    '    "Decoding": { "terms": { "decoding": 4 } },', // the comma before this line is missing
    '  },',
    '  "curation": [',
    '    { "rename": "Spiking", "to": "Spikes" },',
    '    { "hide": "Decoding" }',
    '    { "pin": "2403.01234", "to": "Spikes" },', // and here
    '  ],',
    '}',
  ].join('\n');
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, text);
  assert.deepEqual(
    diagnostics.map((d) => [d.line, d.column, d.severity]),
    [[4, 5, 'error']],
  );
  assert.match(diagnostics[0].message, /not valid JSON: .*comma is probably missing.*The rest of the file is used/);
  assert.deepEqual(
    taxonomy?.topics.map((t) => t.name),
    ['Spiking', 'Decoding'],
  );
  assert.deepEqual(
    taxonomy?.curation?.map((step) => [step.kind, step.at.line]),
    [
      ['rename', 7],
      ['hide', 8],
      ['pin', 9],
    ],
  );
});

test('curation steps: a name or key given twice, a missing action, "Other" as a target are reported at their line; good steps kept', () => {
  const text = [
    '{',
    '  "topics": {',
    '    "Twice": { "terms": { "a": 1 } },',
    '    "twice": { "terms": { "b": 1 } },',
    '  },',
    '  "curation": [',
    '    { "rename": "A", "to": "B", "to": "C" },',
    '    { "merge": ["A", "B", "a"], "into": "A" },',
    '    { "to": "Nowhere" },',
    '    { "rename": "A", "to": "Other" },',
    '    { "split": "A", "into": "B" },',
    '    { "pin": 12, "to": "A" },',
    '    { "hide": "A", "colour": "red" },',
    '    "hide A",',
    '  ],',
    '}',
  ].join('\n');
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, text);
  assert.deepEqual(
    diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}`),
    ['4:5 warning', '7:33 warning', '8:27 warning', '9:5 error', '10:28 error', '11:5 error', '12:14 error', '13:20 warning', '14:5 error'],
  );
  assert.match(diagnostics[0].message, /topic "twice" is defined twice/);
  assert.match(diagnostics[1].message, /"to" is given twice in this step; the last one counts/);
  assert.match(diagnostics[2].message, /"a" is named twice in this merge/);
  assert.match(diagnostics[3].message, /names no action; give exactly one of rename, merge, split, move, pin, hide/);
  assert.match(diagnostics[4].message, /"Other" is reserved/);
  assert.match(diagnostics[5].message, /either "phrase" or "papers"/);
  for (const d of diagnostics) assert.match(d.message, /^Lectern: corpus\/topics\.json:\d+:\d+: /);
  assert.deepEqual(
    taxonomy?.curation?.map(({ file: _file, at: _at, ...step }) => step),
    [
      { kind: 'rename', topic: 'A', to: 'C' },
      { kind: 'merge', topics: ['A', 'B'], into: 'A' },
      { kind: 'hide', topic: 'A' },
    ],
  );
});

test('a file with only curation steps needs no "topics"', () => {
  const { taxonomy, diagnostics } = parseTaxonomy(FILE, '{ "curation": [{ "hide": "Equations" }] }');
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(taxonomy?.topics, []);
  assert.equal(taxonomy?.curation?.[0].kind, 'hide');
});
