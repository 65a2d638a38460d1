import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJsonSyntaxError, scanJsonArray, skipJsonValue } from './json-scanner';

test('valid JSON of every kind passes; the first error is located and explained', () => {
  for (const text of ['[]', '{}', '0', '-1.5e+3', '"a\\u00e9\\n"', 'true', 'null', '[1, {"a": [false, {}]}, "x"]', ' \n{"k": []}\n ']) {
    assert.equal(findJsonSyntaxError(text), undefined, text);
  }
  const cases: Array<[string, number, RegExp]> = [
    ['{"a": 1 "b": 2}', 8, /expected `,` or `}` after a property value, found `"`/],
    ['[1, 2,]', 6, /trailing `,` before `]`/],
    ['{"a": 1,}', 8, /trailing `,` before `}`/],
    ["{'a': 1}", 1, /property name in double quotes/],
    ['["abc\n"]', 1, /string is not closed before the end of its line/],
    ['{"a": tru}', 6, /expected a value/],
    ['{"a" 1}', 5, /expected `:`/],
    ['[1', 2, /ends inside an array/],
    ['{"a": "\\x"}', 7, /not a valid escape/],
    ['[1] 2', 4, /after the end of the JSON value/],
    ['-', 0, /number is malformed/],
  ];
  for (const [text, offset, message] of cases) {
    const error = findJsonSyntaxError(text);
    assert.ok(error, text);
    assert.equal(error.offset, offset, text);
    assert.match(error.message, message, text);
  }
});

test('nesting 200,000 deep is validated without recursion', () => {
  const depth = 200_000;
  assert.equal(skipJsonValue(`${'['.repeat(depth)}${']'.repeat(depth)}`, 0), 2 * depth);
  const broken = findJsonSyntaxError(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth - 1)}`);
  assert.ok(broken);
  assert.match(broken.message, /ends inside an object/);
});

test('array items are found with their offsets; after an error, scanning resumes at the next item line', () => {
  const text = '[\n  {"a": 1},\n  {"b": 2 "c": 3},\n  {"d": 4}\n  {"e": 5}\n]';
  const scan = scanJsonArray(text);
  assert.equal(scan.shape, 'array');
  assert.deepEqual(
    scan.elements.map((e) => text.slice(e.start, e.end)),
    ['{"a": 1}', '{"d": 4}', '{"e": 5}'],
  );
  assert.equal(scan.errors.length, 2, 'the bad item, then the missing comma');
  assert.equal(scan.incomplete, false);

  const noBracket = scanJsonArray('  {"a": 1},\n  {"b": 2}\n]');
  assert.equal(noBracket.elements.length, 2);
  assert.match(noBracket.errors[0].message, /`\[` that opens the array is missing/);

  const single = scanJsonArray('{"title": "x"}');
  assert.equal(single.shape, 'object');
  assert.equal(single.elements.length, 1);

  const truncated = scanJsonArray('[{"a": 1}, {"b": ');
  assert.equal(truncated.elements.length, 1);
  assert.equal(truncated.incomplete, true);
});
