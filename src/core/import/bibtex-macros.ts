/**
 * BibTeX `@string` macros, expanded within bounds. A macro may be defined in terms of others (`d1 = d0 # d0`),
 * so a few hundred bytes can describe gigabytes (28 doublings give 2^28 characters), and two macros can be
 * defined in terms of each other. Sizes and depths are computed before any text is built, so a macro that
 * would expand past `maxMacroChars`, nest deeper than `maxMacroDepth`, or take part in a cycle is refused
 * (left undefined, with one warning at its definition) and never materialised.
 */
import * as l10n from '@vscode/l10n';
import type { BibValuePart } from './bibtex-scanner';
import { BIBTEX_DEFAULT_STRINGS } from './bibtex-parser-settings';
import type { ResolvedImportLimits } from './import-limits';

/** One `@string{name = …}` of the file, in file order. */
export interface MacroDefinition {
  /** The name as typed. */
  name: string;
  /** The value's parts (offsets relative to whatever text was scanned; unused here). */
  parts: BibValuePart[];
  /** Offset of the `@string` in the file, where a warning about it points. */
  offset: number;
}

/** A macro that was refused, and why (already phrased for the message about a field that uses it). */
export interface RefusedMacro {
  /** Upper-cased name of the macro whose own definition is at fault (itself, or one it uses). */
  cause: string;
  /** Offset of the faulty definition. */
  offset: number;
}

/** The outcome of expanding a file's macros. */
export interface MacroTable {
  /** Upper-cased name → expanded value, for every macro that could be expanded (the last definition wins). */
  values: Map<string, string>;
  /** Upper-cased name → why it was not expanded. */
  refused: Map<string, RefusedMacro>;
  /** One warning per faulty definition: where and what. */
  warnings: Array<{ offset: number; message: string }>;
}

interface Node {
  def: MacroDefinition;
  upper: string;
  /** Definitions each bare part refers to (-1: a number, a built-in, or undefined). */
  refs: number[];
  state: 0 | 1 | 2;
  size: number;
  depth: number;
  value?: string;
  refused?: RefusedMacro;
}

/**
 * Expands `definitions` within `limits`. A bare word refers to the latest definition of that name before
 * it in the file, else to the last one after it (so a macro may use one defined later, and a redefinition
 * `a = a # "x"` extends the earlier `a`). Never recurses: the definition graph is walked with an explicit stack.
 *
 * `lineOf` gives the 1-based line of a file offset, for the warnings.
 *
 * @example expandMacros([{ name: 'a', parts: [{ kind: 'quoted', text: 'x', start: 0, end: 3 }], offset: 0 }], limits, () => 1).values.get('A') // 'x'
 */
export function expandMacros(definitions: MacroDefinition[], limits: ResolvedImportLimits, lineOf: (offset: number) => number): MacroTable {
  const nodes = linkDefinitions(definitions);
  const table: MacroTable = { values: new Map(), refused: new Map(), warnings: [] };
  for (let root = 0; root < nodes.length; root++) {
    if (nodes[root].state !== 0) continue;
    const stack: Array<{ node: number; next: number }> = [{ node: root, next: 0 }];
    nodes[root].state = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const node = nodes[top.node];
      if (top.next < node.refs.length) {
        const child = node.refs[top.next++];
        if (child < 0 || nodes[child].state === 2) continue;
        if (nodes[child].state === 1) {
          refuseCycle(nodes, stack, child, table, lineOf);
          continue;
        }
        nodes[child].state = 1;
        stack.push({ node: child, next: 0 });
        continue;
      }
      stack.pop();
      finish(node, nodes, limits, table);
    }
  }
  // In file order, so the last definition of a name decides whether entries can use it.
  for (const node of nodes) {
    if (node.refused) {
      table.refused.set(node.upper, node.refused);
      table.values.delete(node.upper);
    } else {
      table.values.set(node.upper, node.value!); // Set by `finish` on every definition it does not refuse.
      table.refused.delete(node.upper);
    }
  }
  return table;
}

function linkDefinitions(definitions: MacroDefinition[]): Node[] {
  const lastByName = new Map<string, number>();
  definitions.forEach((def, i) => lastByName.set(def.name.toUpperCase(), i));
  const latestBefore = new Map<string, number>();
  return definitions.map((def, i) => {
    const refs = def.parts.map((part) => {
      if (part.kind !== 'bare' || /^\d+$/.test(part.text)) return -1;
      const upper = part.text.toUpperCase();
      return latestBefore.get(upper) ?? lastByName.get(upper) ?? -1;
    });
    const upper = def.name.toUpperCase();
    latestBefore.set(upper, i);
    return { def, upper, refs, state: 0, size: 0, depth: 1 };
  });
}

/** Marks every definition on the cycle that ends at `child` as refused, with one warning naming them all. */
function refuseCycle(
  nodes: Node[],
  stack: Array<{ node: number }>,
  child: number,
  table: MacroTable,
  lineOf: (offset: number) => number,
): void {
  const from = stack.findIndex((frame) => frame.node === child);
  const members = stack.slice(from).map((frame) => nodes[frame.node]);
  if (members.every((m) => m.refused)) return;
  const first = members.reduce((a, b) => (b.def.offset < a.def.offset ? b : a));
  const cause: RefusedMacro = { cause: first.upper, offset: first.def.offset };
  for (const m of members) m.refused ??= cause;
  const names = [...members.map((m) => l10n.t('`{0}` on line {1}', m.def.name, lineOf(m.def.offset))), `\`${members[0].def.name}\``].join(
    ' → ',
  );
  const message =
    members.length === 1
      ? l10n.t(
          'Lectern: `@string` macro `{0}` is defined in terms of itself ({1}); it was not expanded, and fields that use it keep the macro name. Break the cycle.',
          first.def.name,
          names,
        )
      : l10n.t(
          'Lectern: `@string` macros {0} are defined in terms of each other ({1}); they were not expanded, and fields that use them keep the macro name. Break the cycle.',
          members.map((m) => `\`${m.def.name}\``).join(l10n.t(' and ')),
          names,
        );
  table.warnings.push({ offset: first.def.offset, message });
}

/** Size, depth and (when within the limits) value of a definition whose references are all finished. */
function finish(node: Node, nodes: Node[], limits: ResolvedImportLimits, table: MacroTable): void {
  node.state = 2;
  if (node.refused) return;
  let size = 0;
  let depth = 1;
  for (let i = 0; i < node.refs.length; i++) {
    const ref = node.refs[i];
    const part = node.def.parts[i];
    if (ref < 0) {
      size += part.kind === 'bare' ? (resolveBuiltIn(part.text)?.length ?? 0) : part.text.length;
      continue;
    }
    const child = nodes[ref];
    if (child.refused) {
      node.refused = child.refused;
      return;
    }
    size += child.size;
    depth = Math.max(depth, child.depth + 1);
  }
  node.size = size;
  node.depth = depth;
  if (depth > limits.maxMacroDepth) {
    node.refused = { cause: node.upper, offset: node.def.offset };
    table.warnings.push({
      offset: node.def.offset,
      message: l10n.t(
        'Lectern: `@string` macro `{0}` nests {1} macros deep, over the limit of {2}; it was not expanded, and fields that use it keep the macro name. Define it with fewer levels.',
        node.def.name,
        depth,
        limits.maxMacroDepth,
      ),
    });
    return;
  }
  if (size > limits.maxMacroChars) {
    node.refused = { cause: node.upper, offset: node.def.offset };
    table.warnings.push({
      offset: node.def.offset,
      message: l10n.t(
        'Lectern: `@string` macro `{0}` would expand to {1} characters, over the limit of {2}; it was not expanded (nor any macro that uses it), and fields that use it keep the macro name. Check its definition — macros that repeat each other grow exponentially.',
        node.def.name,
        size.toLocaleString('en-US'),
        limits.maxMacroChars.toLocaleString('en-US'),
      ),
    });
    return;
  }
  node.value = node.def.parts
    .map((part, i) =>
      // A definition used here was finished without refusal (else this one was refused too), so it has a value.
      node.refs[i] >= 0 ? nodes[node.refs[i]].value! : part.kind === 'bare' ? (resolveBuiltIn(part.text) ?? '') : part.text,
    )
    .join('');
}

/** A number, or a macro the parser knows without a definition (month names, a few journals). */
export function resolveBuiltIn(word: string): string | undefined {
  if (/^\d+$/.test(word)) return word;
  return BIBTEX_DEFAULT_STRINGS[word.toUpperCase()];
}
