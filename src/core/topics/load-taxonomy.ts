import type { Diagnostic, DiagnosticSeverity } from '../model/diagnostic';
import type { TaxonomyTopic, TopicTaxonomy } from './assign-topics';
import { JsonSyntaxError, lineColumn, parseJsonWithPositions, type JsonNode } from './json-with-positions';

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
 *   }
 * }
 * ```
 *
 * `terms` may also be a list of phrases (each weighing 1). Never throws: bad JSON gives no
 * taxonomy and an error at the offending line and column; a badly shaped topic or term is
 * reported and skipped while the rest of the file is used.
 */
export function parseTaxonomy(file: string, text: string): { taxonomy?: TopicTaxonomy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (offset: number, severity: DiagnosticSeverity, message: string): void => {
    const { line, column } = lineColumn(text, offset);
    diagnostics.push({ file, line, column, severity, message: `Lectern: ${file}:${line}:${column}: ${message}` });
  };

  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      report(
        error.offset,
        'error',
        `the topic taxonomy is not valid JSON: ${error.message}. No taxonomy topics are used until it is fixed.`,
      );
    } else {
      report(0, 'error', `the topic taxonomy could not be read (${String(error)}).`);
    }
    return { diagnostics };
  }

  if (root.kind !== 'object') {
    report(
      root.offset,
      'error',
      'the topic taxonomy must be a JSON object such as { "topics": { "Topic Name": { "terms": { "phrase": 2 } } } }.',
    );
    return { diagnostics };
  }

  const taxonomy: TopicTaxonomy = { topics: [] };
  let topicsNode: JsonNode | undefined;
  for (const entry of root.entries) {
    if (entry.key.startsWith('$')) continue;
    if (entry.key === 'topics') topicsNode = entry.value;
    else if (entry.key === 'minScore') {
      const score = positiveNumber(entry.value);
      if (score === undefined) report(entry.value.offset, 'error', '"minScore" must be a positive number, e.g. 3; the default is used.');
      else taxonomy.minScore = score;
    } else if (entry.key !== 'version') {
      report(
        entry.keyOffset,
        'warning',
        `unknown property "${entry.key}" is ignored; the file knows "topics" and "minScore" (notes go in "$comment").`,
      );
    }
  }
  if (!topicsNode) {
    report(
      root.offset,
      'error',
      'the topic taxonomy has no "topics" property; add "topics": { "Topic Name": { "terms": { "phrase": 2 } } }.',
    );
    return { taxonomy, diagnostics };
  }
  if (topicsNode.kind !== 'object') {
    report(topicsNode.offset, 'error', '"topics" must be an object mapping each topic name to { "terms": { "phrase": weight } }.');
    return { taxonomy, diagnostics };
  }

  const seen = new Map<string, number>();
  for (const entry of topicsNode.entries) {
    if (entry.key.startsWith('$')) continue;
    const name = entry.key.trim().replace(/\s+/g, ' ');
    if (!name) {
      report(entry.keyOffset, 'error', 'a topic has an empty name; give it the name readers should see in the topic tree.');
      continue;
    }
    if (name.toLowerCase() === 'other') {
      report(entry.keyOffset, 'error', '"Other" is reserved for papers that match no topic; rename this topic.');
      continue;
    }
    const topic = readTopic(name, entry.value, report);
    if (!topic) continue;
    const previous = seen.get(name.toLowerCase());
    if (previous !== undefined) {
      report(
        entry.keyOffset,
        'warning',
        `topic "${name}" is defined twice; the terms of both definitions are merged. Keep one definition to avoid surprises.`,
      );
      const merged = taxonomy.topics[previous];
      Object.assign(merged.terms, topic.terms);
      if (topic.exclude) merged.exclude = [...(merged.exclude ?? []), ...topic.exclude];
      if (topic.minScore !== undefined) merged.minScore = topic.minScore;
      continue;
    }
    seen.set(name.toLowerCase(), taxonomy.topics.length);
    taxonomy.topics.push(topic);
  }
  return { taxonomy, diagnostics };
}

type Report = (offset: number, severity: DiagnosticSeverity, message: string) => void;

function readTopic(name: string, node: JsonNode, report: Report): TaxonomyTopic | undefined {
  if (node.kind !== 'object') {
    report(node.offset, 'error', `topic "${name}" must be an object such as { "terms": { "phrase": 2 } }; it is skipped.`);
    return undefined;
  }
  const topic: TaxonomyTopic = { name, terms: {} };
  let sawTerms = false;
  for (const entry of node.entries) {
    if (entry.key.startsWith('$')) continue;
    const value = entry.value;
    if (entry.key === 'terms') {
      sawTerms = true;
      if (value.kind === 'object') {
        for (const term of value.entries) {
          const phrase = cleanPhrase(term.key);
          const weight = positiveNumber(term.value);
          if (!phrase) report(term.keyOffset, 'warning', `topic "${name}" has an empty term; remove it.`);
          else if (weight === undefined)
            report(
              term.value.offset,
              'error',
              `the weight of "${term.key}" in topic "${name}" must be a positive number such as 1 or 2.5; the term is skipped.`,
            );
          else topic.terms[phrase] = weight;
        }
      } else if (value.kind === 'array') {
        for (const item of value.items) {
          const phrase = item.kind === 'string' ? cleanPhrase(item.value) : '';
          if (!phrase)
            report(item.offset, 'error', `each term of topic "${name}" must be a non-empty string in double quotes; the item is skipped.`);
          else topic.terms[phrase] = 1;
        }
      } else {
        report(
          value.offset,
          'error',
          `"terms" of topic "${name}" must be an object of phrase → weight, e.g. { "spiking neural network": 3 }; the topic is skipped.`,
        );
        return undefined;
      }
    } else if (entry.key === 'exclude') {
      if (value.kind !== 'array') {
        report(value.offset, 'error', `"exclude" of topic "${name}" must be a list of phrases, e.g. ["spiking data"]; it is ignored.`);
        continue;
      }
      const exclude: string[] = [];
      for (const item of value.items) {
        const phrase = item.kind === 'string' ? cleanPhrase(item.value) : '';
        if (!phrase)
          report(item.offset, 'error', `each "exclude" entry of topic "${name}" must be a non-empty string; the item is skipped.`);
        else exclude.push(phrase);
      }
      if (exclude.length > 0) topic.exclude = exclude;
    } else if (entry.key === 'minScore') {
      const score = positiveNumber(value);
      if (score === undefined)
        report(value.offset, 'error', `"minScore" of topic "${name}" must be a positive number; the file's default is used.`);
      else topic.minScore = score;
    } else {
      report(
        entry.keyOffset,
        'warning',
        `unknown property "${entry.key}" in topic "${name}" is ignored; a topic knows "terms", "exclude" and "minScore".`,
      );
    }
  }
  if (!sawTerms || Object.keys(topic.terms).length === 0) {
    report(
      node.offset,
      'error',
      `topic "${name}" has no terms; add "terms": { "a phrase": 2 } so papers can be matched to it. It is skipped.`,
    );
    return undefined;
  }
  return topic;
}

function positiveNumber(node: JsonNode): number | undefined {
  return node.kind === 'number' && Number.isFinite(node.value) && node.value > 0 ? node.value : undefined;
}

function cleanPhrase(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
