import * as l10n from '@vscode/l10n';
import type { Diagnostic, DiagnosticSeverity } from '../model/diagnostic';
import type { TaxonomyTopic } from './assign-topics';
import type { CuratedTaxonomy } from './curation-steps';
import { LineIndex } from '../text/line-column';
import { readCuration } from './read-curation';
import { parseJsonWithComments, type JsonNode } from './taxonomy-json';

/**
 * Reads a topic taxonomy file (`corpus/topics.json`):
 *
 * ```json
 * {
 *   "$comment": "notes for people editing the file (any key starting with $ is ignored)",
 *   "minScore": 3,
 *   "topics": {
 *     "Spiking Neural Networks": {
 *       "terms": { "spiking neural network": 4, "snn": 3, "neuromorphic": 3 },
 *       "exclude": ["spiking data"],
 *       "minScore": 4
 *     }
 *   },
 *   "curation": [
 *     { "rename": "Shot Learning", "to": "Few-Shot Learning" },
 *   ]
 * }
 * ```
 *
 * `terms` may also be a list of phrases (each weighing 1). `curation` lists the user's changes to
 * the topic tree (see `readCuration`, `applyCuration`). Comments (line and block) and trailing
 * commas are allowed, as in VS Code's settings files. Never throws: a syntax error is reported at
 * its line and column and what could be read around it is still used; a badly shaped topic, term
 * or step is reported and skipped while the rest of the file is used.
 */
export function parseTaxonomy(file: string, text: string): { taxonomy?: CuratedTaxonomy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  const report: Report = (offset, severity, message) => {
    const { line, column } = lines.position(offset);
    diagnostics.push({ file, line, column, severity, message: l10n.t('Lectern: {0}:{1}:{2}: {3}', file, line, column, message) });
  };
  const { root, broken } = readRoot(text, report);
  if (!root) return { diagnostics };
  // After a syntax error, the shape of what was read around it is not worth a word (fixing the error may change it).
  const shape: Report = broken ? () => undefined : report;
  const taxonomy: CuratedTaxonomy = { topics: [] };
  const { topicsNode, curationNode } = readSettings(root, taxonomy, shape);
  if (topicsNode) readTopics(topicsNode, taxonomy, shape);
  if (curationNode) {
    const curation = readCuration(curationNode, { file, report: shape, position: (offset) => lines.position(offset) });
    if (curation.length > 0) taxonomy.curation = curation;
  }
  return { taxonomy, diagnostics };
}

type Report = (offset: number, severity: DiagnosticSeverity, message: string) => void;
type ObjectNode = Extract<JsonNode, { kind: 'object' }>;

/**
 * The file's root object (what could be read of it after a syntax error, which is reported), or
 * undefined (reported) when the text is no JSON object.
 */
function readRoot(text: string, report: Report): { root?: ObjectNode; broken: boolean } {
  const { root, error } = parseJsonWithComments(text);
  if (error) {
    report(
      error.offset,
      'error',
      l10n.t(
        'the topic taxonomy is not valid JSON: {0}. The rest of the file is used as far as it can be read; fix this to be sure.',
        error.message,
      ),
    );
  }
  if (!root) return { broken: true };
  if (root.kind !== 'object') {
    if (!error)
      report(
        root.offset,
        'error',
        l10n.t('the topic taxonomy must be a JSON object such as { "topics": { "Topic Name": { "terms": { "phrase": 2 } } } }.'),
      );
    return { broken: Boolean(error) };
  }
  return { root, broken: Boolean(error) };
}

/**
 * Reads the root's `minScore` into `taxonomy` and returns its `topics` object (reported when
 * missing, unless the file only curates, or not an object) and its `curation`.
 */
function readSettings(root: ObjectNode, taxonomy: CuratedTaxonomy, report: Report): { topicsNode?: ObjectNode; curationNode?: JsonNode } {
  let topicsNode: JsonNode | undefined;
  let curationNode: JsonNode | undefined;
  for (const entry of root.entries) {
    if (entry.key.startsWith('$')) continue;
    if (entry.key === 'topics') topicsNode = entry.value;
    else if (entry.key === 'curation') curationNode = entry.value;
    else if (entry.key === 'minScore') {
      const score = positiveNumber(entry.value);
      if (score === undefined)
        report(entry.value.offset, 'error', l10n.t('"minScore" must be a positive number, e.g. 3; the default is used.'));
      else taxonomy.minScore = score;
    } else if (entry.key !== 'version') {
      report(
        entry.keyOffset,
        'warning',
        l10n.t(
          'unknown property "{0}" is ignored; the file knows "topics", "minScore" and "curation" (notes go in "$comment").',
          entry.key,
        ),
      );
    }
  }
  if (!topicsNode) {
    if (!curationNode)
      report(
        root.offset,
        'error',
        l10n.t('the topic taxonomy has no "topics" property; add "topics": { "Topic Name": { "terms": { "phrase": 2 } } }.'),
      );
    return { curationNode };
  }
  if (topicsNode.kind !== 'object') {
    report(topicsNode.offset, 'error', l10n.t('"topics" must be an object mapping each topic name to { "terms": { "phrase": weight } }.'));
    return { curationNode };
  }
  return { topicsNode, curationNode };
}

/** Appends each valid topic to `taxonomy`; a topic named twice (any case) is merged into the first. */
function readTopics(topicsNode: ObjectNode, taxonomy: CuratedTaxonomy, report: Report): void {
  const seen = new Map<string, number>();
  for (const entry of topicsNode.entries) {
    if (entry.key.startsWith('$')) continue;
    const name = entry.key.trim().replace(/\s+/g, ' ');
    if (!name) {
      report(entry.keyOffset, 'error', l10n.t('a topic has an empty name; give it the name readers should see in the topic tree.'));
      continue;
    }
    if (name.toLowerCase() === 'other') {
      report(entry.keyOffset, 'error', l10n.t('"Other" is reserved for papers that match no topic; rename this topic.'));
      continue;
    }
    const topic = readTopic(name, entry.value, report);
    if (!topic) continue;
    const previous = seen.get(name.toLowerCase());
    if (previous === undefined) {
      seen.set(name.toLowerCase(), taxonomy.topics.length);
      taxonomy.topics.push(topic);
      continue;
    }
    report(
      entry.keyOffset,
      'warning',
      l10n.t('topic "{0}" is defined twice; the terms of both definitions are merged. Keep one definition to avoid surprises.', name),
    );
    const merged = taxonomy.topics[previous];
    Object.assign(merged.terms, topic.terms);
    if (topic.exclude) merged.exclude = [...(merged.exclude ?? []), ...topic.exclude];
    if (topic.minScore !== undefined) merged.minScore = topic.minScore;
  }
}

function readTopic(name: string, node: JsonNode, report: Report): TaxonomyTopic | undefined {
  if (node.kind !== 'object') {
    report(node.offset, 'error', l10n.t('topic "{0}" must be an object such as { "terms": { "phrase": 2 } }; it is skipped.', name));
    return undefined;
  }
  const topic: TaxonomyTopic = { name, terms: {} };
  for (const entry of node.entries) {
    if (entry.key.startsWith('$')) continue;
    const value = entry.value;
    if (entry.key === 'terms') {
      const terms = readTerms(name, value, report);
      if (!terms) return undefined;
      Object.assign(topic.terms, terms);
    } else if (entry.key === 'exclude') {
      const exclude = readExclude(name, value, report);
      if (exclude.length > 0) topic.exclude = exclude;
    } else if (entry.key === 'minScore') {
      const score = positiveNumber(value);
      if (score === undefined)
        report(value.offset, 'error', l10n.t('"minScore" of topic "{0}" must be a positive number; the file\'s default is used.', name));
      else topic.minScore = score;
    } else {
      report(
        entry.keyOffset,
        'warning',
        l10n.t('unknown property "{0}" in topic "{1}" is ignored; a topic knows "terms", "exclude" and "minScore".', entry.key, name),
      );
    }
  }
  if (Object.keys(topic.terms).length === 0) {
    report(
      node.offset,
      'error',
      l10n.t('topic "{0}" has no terms; add "terms": { "a phrase": 2 } so papers can be matched to it. It is skipped.', name),
    );
    return undefined;
  }
  return topic;
}

/** A topic's `terms`: phrase → weight, or a list of phrases weighing 1; undefined (reported) when it is neither. */
function readTerms(name: string, value: JsonNode, report: Report): Record<string, number> | undefined {
  const terms: Record<string, number> = {};
  if (value.kind === 'object') {
    for (const term of value.entries) {
      const phrase = cleanPhrase(term.key);
      const weight = positiveNumber(term.value);
      if (!phrase) report(term.keyOffset, 'warning', l10n.t('topic "{0}" has an empty term; remove it.', name));
      else if (weight === undefined)
        report(
          term.value.offset,
          'error',
          l10n.t('the weight of "{0}" in topic "{1}" must be a positive number such as 1 or 2.5; the term is skipped.', term.key, name),
        );
      else terms[phrase] = weight;
    }
  } else if (value.kind === 'array') {
    for (const item of value.items) {
      const phrase = item.kind === 'string' ? cleanPhrase(item.value) : '';
      if (!phrase)
        report(
          item.offset,
          'error',
          l10n.t('each term of topic "{0}" must be a non-empty string in double quotes; the item is skipped.', name),
        );
      else terms[phrase] = 1;
    }
  } else {
    report(
      value.offset,
      'error',
      l10n.t(
        '"terms" of topic "{0}" must be an object of phrase → weight, e.g. { "spiking neural network": 3 }; the topic is skipped.',
        name,
      ),
    );
    return undefined;
  }
  return terms;
}

/** A topic's `exclude` phrases; bad items (and a value that is no list) are reported and left out. */
function readExclude(name: string, value: JsonNode, report: Report): string[] {
  if (value.kind !== 'array') {
    report(
      value.offset,
      'error',
      l10n.t('"exclude" of topic "{0}" must be a list of phrases, e.g. ["spiking data"]; it is ignored.', name),
    );
    return [];
  }
  const exclude: string[] = [];
  for (const item of value.items) {
    const phrase = item.kind === 'string' ? cleanPhrase(item.value) : '';
    if (!phrase)
      report(item.offset, 'error', l10n.t('each "exclude" entry of topic "{0}" must be a non-empty string; the item is skipped.', name));
    else exclude.push(phrase);
  }
  return exclude;
}

function positiveNumber(node: JsonNode): number | undefined {
  return node.kind === 'number' && Number.isFinite(node.value) && node.value > 0 ? node.value : undefined;
}

function cleanPhrase(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
