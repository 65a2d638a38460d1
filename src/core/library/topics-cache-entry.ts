/**
 * The cache entry kept beside a library's index (`LibraryOptions.cache` with `contents: 'index'`): its topics, as the
 * tree showed them. A load whose files and taxonomy are the entry's takes them instead of running discovery again,
 * so topics carried over a change (`carryTopics`) stay across window reloads (discovery would reshuffle the tree the
 * user had left), and an unchanged library starts without discovery's seconds of a core.
 */
import type { Diagnostic } from '../model/diagnostic';
import type { Subtopic, Topic } from '../model/topic';
import type { CorpusTopics } from '../corpus/corpus';

const FORMAT = 'lectern-topics';
const FORMAT_VERSION = 1;

/** The entry's text for these topics (JSON). */
export function writeTopicsEntry(topics: CorpusTopics): string {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, ...topics });
}

/**
 * The topics an entry holds when they belong to the corpus `fingerprint` of `paperCount` papers; undefined when there
 * is no entry, it is of another corpus or format, or damaged (the caller discovers the topics: a cache is never an error).
 */
export function readTopicsEntry(text: string | undefined, fingerprint: string, paperCount: number): CorpusTopics | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Partial<CorpusTopics> & { format?: unknown; version?: unknown };
    if (entry.format !== FORMAT || entry.version !== FORMAT_VERSION || entry.fingerprint !== fingerprint) return undefined;
    const { paperTopics, topics, diagnostics, drift } = entry;
    if (!Array.isArray(paperTopics) || paperTopics.length !== paperCount || !paperTopics.every(isStringList)) return undefined;
    if (!Array.isArray(topics) || !topics.every(isTopic) || !Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic))
      return undefined;
    if (drift !== undefined && !(Number.isInteger(drift) && drift >= 0)) return undefined;
    return { fingerprint, paperTopics, topics, diagnostics, drift };
  } catch {
    return undefined;
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isTopic(value: unknown): value is Topic {
  const topic = value as Topic;
  if (!isGroup(topic) || typeof topic.origin !== 'string') return false;
  return (
    (topic.pinnedIds === undefined || isStringList(topic.pinnedIds)) &&
    (topic.subtopics === undefined || (Array.isArray(topic.subtopics) && topic.subtopics.every(isGroup)))
  );
}

/** A topic's or subtopic's name and papers. */
function isGroup(value: unknown): value is Subtopic {
  const group = value as Subtopic;
  return typeof group === 'object' && group !== null && typeof group.name === 'string' && isStringList(group.paperIds);
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const diagnostic = value as Diagnostic;
  return (
    typeof diagnostic === 'object' && diagnostic !== null && typeof diagnostic.message === 'string' && typeof diagnostic.file === 'string'
  );
}
