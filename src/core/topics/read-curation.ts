import * as l10n from '@vscode/l10n';
import type { DiagnosticSeverity } from '../model/diagnostic';
import type { CurationStep, PaperRef, StepPosition } from './curation-steps';
import type { JsonEntry, JsonNode } from './taxonomy-json';

/** How `readCuration` reports a problem and places a step. */
export interface CurationReader {
  file: string;
  report: (offset: number, severity: DiagnosticSeverity, message: string) => void;
  position: (offset: number) => StepPosition;
}

/** The verb of each kind of step and the other properties it takes (required ones first). */
const SHAPES: Record<CurationStep['kind'], { required: string[]; optional: string[]; example: string }> = {
  rename: { required: ['to'], optional: [], example: '{ "rename": "Old Name", "to": "New Name" }' },
  merge: { required: ['into'], optional: [], example: '{ "merge": ["Topic A", "Topic B"], "into": "Topic A" }' },
  split: { required: ['into'], optional: ['phrase', 'papers'], example: '{ "split": "Topic", "into": "New Topic", "phrase": "a phrase" }' },
  move: { required: ['to'], optional: ['from'], example: '{ "move": "paper-id", "from": "Topic A", "to": "Topic B" }' },
  pin: { required: ['to'], optional: [], example: '{ "pin": "paper-id", "to": "Topic" }' },
  hide: { required: [], optional: [], example: '{ "hide": "Topic" }' },
};
const VERBS = Object.keys(SHAPES) as Array<CurationStep['kind']>;
const OTHER = 'other';

/**
 * Reads the `"curation"` list of a topics file: one step per item, e.g.
 * `{ "rename": "Shot Learning", "to": "Few-Shot Learning" }`. A badly shaped item is reported at
 * its line and skipped; the other items are kept. A name or a key given twice is reported too.
 */
export function readCuration(node: JsonNode, reader: CurationReader): CurationStep[] {
  if (node.kind !== 'array') {
    reader.report(node.offset, 'error', l10n.t('"curation" must be a list of steps such as [{0}]; it is ignored.', SHAPES.rename.example));
    return [];
  }
  const steps: CurationStep[] = [];
  for (const item of node.items) {
    if (item.kind !== 'object') {
      reader.report(
        item.offset,
        'error',
        l10n.t('each curation step must be an object such as {0}; this one is skipped.', SHAPES.rename.example),
      );
      continue;
    }
    const step = readStep(item, reader);
    if (step) steps.push(step);
  }
  return steps;
}

type ObjectNode = Extract<JsonNode, { kind: 'object' }>;

/** One step, or undefined (reported) when its verb or a required property is missing or malformed. */
function readStep(item: ObjectNode, reader: CurationReader): CurationStep | undefined {
  const entries = uniqueEntries(item, reader);
  const verbs = VERBS.filter((verb) => entries.has(verb));
  if (verbs.length !== 1) {
    const choices = VERBS.join(', ');
    reader.report(
      item.offset,
      'error',
      verbs.length === 0
        ? l10n.t('this curation step names no action; give exactly one of {0}, e.g. {1}. It is skipped.', choices, SHAPES.rename.example)
        : l10n.t(
            'this curation step names {0} actions ({1}); give exactly one of {2}, e.g. {3}. It is skipped.',
            verbs.length,
            verbs.join(', '),
            choices,
            SHAPES.rename.example,
          ),
    );
    return undefined;
  }
  const kind = verbs[0];
  const shape = SHAPES[kind];
  for (const [key, entry] of entries) {
    if (key !== kind && !key.startsWith('$') && !shape.required.includes(key) && !shape.optional.includes(key))
      reader.report(
        entry.keyOffset,
        'warning',
        l10n.t('unknown property "{0}" in a "{1}" step is ignored; write it as {2}.', key, kind, shape.example),
      );
  }
  for (const key of shape.required) {
    if (!entries.has(key)) {
      reader.report(item.offset, 'error', l10n.t('a "{0}" step needs "{1}", e.g. {2}; it is skipped.', kind, key, shape.example));
      return undefined;
    }
  }
  const base = { file: reader.file, at: reader.position(item.offset) };
  const field = (key: string, target = false) => topicName(entries.get(key), kind, key, target, reader);
  switch (kind) {
    case 'rename':
      return withNames(field('rename'), field('to', true), (topic, to) => ({ ...base, kind, topic, to }));
    case 'merge':
      return withNames(topicList(entries.get('merge')!, reader), field('into', true), (topics, into) => ({ ...base, kind, topics, into }));
    case 'split':
      return readSplit(entries, base, item.offset, reader);
    case 'move': {
      const from = entries.has('from') ? field('from') : '';
      const paper = paperRef(entries.get('move')!, kind, reader);
      return withNames(paper, field('to', true), (ref, to) => ({ ...base, kind, paper: ref, to, ...(from ? { from } : {}) }));
    }
    case 'pin':
      return withNames(paperRef(entries.get('pin')!, kind, reader), field('to', true), (paper, to) => ({ ...base, kind, paper, to }));
    case 'hide':
      return withNames(field('hide'), true, (topic) => ({ ...base, kind, topic }));
  }
}

/** A split by phrase or by papers (exactly one of the two). */
function readSplit(
  entries: Map<string, JsonEntry>,
  base: { file: string; at: StepPosition },
  offset: number,
  reader: CurationReader,
): CurationStep | undefined {
  const topic = topicName(entries.get('split'), 'split', 'split', false, reader);
  const into = topicName(entries.get('into'), 'split', 'into', true, reader);
  const phraseNode = entries.get('phrase')?.value;
  const papersNode = entries.get('papers')?.value;
  if (!topic || !into) return undefined;
  if (Boolean(phraseNode) === Boolean(papersNode)) {
    reader.report(
      offset,
      'error',
      l10n.t('a "split" step takes either "phrase" or "papers", e.g. {0}; it is skipped.', SHAPES.split.example),
    );
    return undefined;
  }
  if (phraseNode) {
    const phrase = phraseNode.kind === 'string' ? clean(phraseNode.value) : '';
    if (!phrase) {
      reader.report(
        phraseNode.offset,
        'error',
        l10n.t('"phrase" must be a non-empty string, e.g. "graph neural network"; the step is skipped.'),
      );
      return undefined;
    }
    return { ...base, kind: 'split', topic, into, phrase };
  }
  if (papersNode!.kind !== 'array') {
    reader.report(papersNode!.offset, 'error', l10n.t('"papers" must be a list of paper ids, e.g. ["2403.01234"]; the step is skipped.'));
    return undefined;
  }
  const papers = papersNode!.items.map((item) => paperRef({ key: 'papers', keyOffset: item.offset, value: item }, 'split', reader));
  return papers.every(Boolean) ? { ...base, kind: 'split', topic, into, papers: papers as PaperRef[] } : undefined;
}

/** The step's properties by key; a key given twice is reported, and its last value counts (as in JSON.parse). */
function uniqueEntries(item: ObjectNode, reader: CurationReader): Map<string, JsonEntry> {
  const entries = new Map<string, JsonEntry>();
  for (const entry of item.entries) {
    if (entries.has(entry.key))
      reader.report(entry.keyOffset, 'warning', l10n.t('"{0}" is given twice in this step; the last one counts. Keep one.', entry.key));
    entries.set(entry.key, entry);
  }
  return entries;
}

/** A topic name (trimmed, spaces collapsed); '' (reported) when it is not a non-empty string or, as a target, is "Other". */
function topicName(entry: JsonEntry | undefined, kind: string, key: string, target: boolean, reader: CurationReader): string {
  if (!entry) return '';
  const name = entry.value.kind === 'string' ? clean(entry.value.value) : '';
  if (!name)
    reader.report(
      entry.value.offset,
      'error',
      l10n.t('"{0}" of a "{1}" step must be a topic name in double quotes; the step is skipped.', key, kind),
    );
  else if (target && name.toLowerCase() === OTHER)
    reader.report(
      entry.value.offset,
      'error',
      l10n.t('"Other" is reserved for papers that match no topic; choose another name. The step is skipped.'),
    );
  else return name;
  return '';
}

/** The topics of a merge: a list of at least one name; a name listed twice is reported and kept once. */
function topicList(entry: JsonEntry, reader: CurationReader): string[] | undefined {
  const node = entry.value;
  if (node.kind !== 'array' || node.items.length === 0) {
    reader.report(
      node.offset,
      'error',
      l10n.t('"merge" must list the topics to merge, e.g. {0}; the step is skipped.', SHAPES.merge.example),
    );
    return undefined;
  }
  const names: string[] = [];
  for (const item of node.items) {
    const name = topicName({ key: 'merge', keyOffset: item.offset, value: item }, 'merge', 'merge', false, reader);
    if (!name) return undefined;
    if (names.some((known) => known.toLowerCase() === name.toLowerCase()))
      reader.report(item.offset, 'warning', l10n.t('"{0}" is named twice in this merge; once is enough.', name));
    else names.push(name);
  }
  return names;
}

function paperRef(entry: JsonEntry, kind: string, reader: CurationReader): PaperRef | undefined {
  const node = entry.value;
  const id = node.kind === 'string' ? node.value.trim() : '';
  if (id) return { id, at: reader.position(node.offset) };
  reader.report(
    node.offset,
    'error',
    l10n.t('a "{0}" step names papers by id in double quotes, e.g. "2403.01234"; the step is skipped.', kind),
  );
  return undefined;
}

/** Builds the step when both parts were read (a falsy part was already reported). */
function withNames<A, B>(a: A | undefined | '', b: B | undefined | '', build: (a: A, b: B) => CurationStep): CurationStep | undefined {
  return a && b ? build(a, b) : undefined;
}

function clean(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
