import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandMacros, type MacroDefinition } from './bibtex-macros';
import type { BibValuePart } from './bibtex-scanner';
import { DEFAULT_IMPORT_LIMITS, type ResolvedImportLimits } from './import-limits';

const limits: ResolvedImportLimits = { ...DEFAULT_IMPORT_LIMITS, maxMacroChars: 40, maxMacroDepth: 4 };
const part = (kind: BibValuePart['kind'], text: string): BibValuePart => ({ kind, text, start: 0, end: 0 });
const REFUSED = Symbol('refused');
/** Definitions at offsets 0, 10, 20…, one a line. */
const lineOf = (offset: number) => Math.floor(offset / 10) + 1;

/** The plain recursive reading of the same rules, for small inputs: what `expandMacros` must agree with. */
function naive(defs: MacroDefinition[], i: number, visiting: Set<number>): { value: string; depth: number } | typeof REFUSED {
  if (visiting.has(i)) return REFUSED;
  let value = '';
  let depth = 1;
  for (const p of defs[i].parts) {
    if (p.kind !== 'bare' || /^\d+$/.test(p.text)) {
      value += p.text;
      continue;
    }
    const name = p.text.toUpperCase();
    const before = defs.map((d, j) => (j < i && d.name.toUpperCase() === name ? j : -1)).filter((j) => j >= 0);
    const all = defs.map((d, j) => (d.name.toUpperCase() === name ? j : -1)).filter((j) => j >= 0);
    const ref = before.length > 0 ? before[before.length - 1] : all.length > 0 ? all[all.length - 1] : -1;
    if (ref < 0) continue; // undefined: empty, as BibTeX's macro table gives it
    const child = naive(defs, ref, new Set([...visiting, i]));
    if (child === REFUSED) return REFUSED;
    value += child.value;
    depth = Math.max(depth, child.depth + 1);
  }
  return depth > limits.maxMacroDepth || value.length > limits.maxMacroChars ? REFUSED : { value, depth };
}

test('property: bounded expansion agrees with the plain recursive reading, and no value passes the limit', () => {
  const name = fc.constantFrom('a', 'b', 'c', 'D', 'e');
  const valuePart = fc.oneof(
    fc.stringMatching(/^[a-z]{0,12}$/).map((t) => part('quoted', t)),
    name.map((n) => part('bare', n)),
    fc.constantFrom('7', '2020').map((n) => part('bare', n)),
  );
  const definition = fc.record({ name, parts: fc.array(valuePart, { minLength: 1, maxLength: 3 }) });
  fc.assert(
    fc.property(fc.array(definition, { minLength: 1, maxLength: 8 }), (raw) => {
      const defs: MacroDefinition[] = raw.map((d, i) => ({ ...d, offset: i * 10 }));
      const table = expandMacros(defs, limits, lineOf);
      for (const value of table.values.values()) assert.ok(value.length <= limits.maxMacroChars);
      const lastByName = new Map<string, number>();
      defs.forEach((d, i) => lastByName.set(d.name.toUpperCase(), i));
      for (const [upper, last] of lastByName) {
        const expected = naive(defs, last, new Set());
        if (expected === REFUSED) {
          assert.ok(table.refused.has(upper) && !table.values.has(upper), `${upper} is refused`);
        } else {
          assert.equal(table.values.get(upper), expected.value, upper);
          assert.ok(!table.refused.has(upper), `${upper}'s last definition is not refused`);
        }
      }
      if (table.refused.size > 0) assert.ok(table.warnings.length > 0, 'a refusal is always explained');
    }),
    { numRuns: 500 },
  );
});

test('a chain of 100,000 macros is expanded without recursion', () => {
  const defs: MacroDefinition[] = [{ name: 'm0', parts: [part('quoted', 'x')], offset: 0 }];
  for (let i = 1; i < 100_000; i++) defs.push({ name: `m${i}`, parts: [part('bare', `m${i - 1}`)], offset: i });
  const table = expandMacros(defs, DEFAULT_IMPORT_LIMITS, lineOf);
  assert.equal(table.values.get('M31'), 'x');
  assert.ok(table.refused.has('M99999'));
  assert.equal(table.warnings.length, 1, 'only the first macro too deep is reported');
});
