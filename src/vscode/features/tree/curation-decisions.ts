import type { Topic } from '../../../core/model/topic';
import { OTHER_TOPIC } from '../../../core/topics/assign-topics';
import * as l10n from '@vscode/l10n';

/**
 * What the tree's curation commands decide without VS Code (unit-tested): which topic a menu was
 * opened on, which topics to offer, and whether a typed name will do.
 */

/** A row of a topic pick: the topic's name and its paper count. */
export interface TopicChoice {
  label: string;
  description: string;
}

const TOPIC_KEY_PREFIX = 'topic:';

/**
 * The topic a command was run on: a topic row of the Papers tree (grouped by topic), a paper row
 * under one (its topic), or a name given by a caller. Undefined from elsewhere (the palette) or for "Other".
 *
 * @example topicOf({ kind: 'group', key: 'topic:Spiking Neural Networks', group: { label: 'Spiking Neural Networks' } }) // 'Spiking Neural Networks'
 */
export function topicOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg && arg !== OTHER_TOPIC ? arg : undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; key?: unknown; groupKey?: unknown };
  const key = node.kind === 'group' ? node.key : node.kind === 'paper' ? node.groupKey : undefined;
  if (typeof key !== 'string' || !key.startsWith(TOPIC_KEY_PREFIX)) return undefined;
  const name = key.slice(TOPIC_KEY_PREFIX.length);
  return name === OTHER_TOPIC ? undefined : name;
}

/** The topics to offer, largest first as in the tree, without "Other" and without `except`. */
export function topicChoices(topics: readonly Topic[], except: readonly string[] = []): TopicChoice[] {
  return topics
    .filter((topic) => topic.name !== OTHER_TOPIC && !except.includes(topic.name))
    .map((topic) => ({ label: topic.name, description: `${topic.paperIds.length} paper${topic.paperIds.length === 1 ? '' : 's'}` }));
}

/**
 * Whether `typed` will do as a topic's new name: an error for an empty name, "Other" or the name it
 * has; a warning (the name may still be taken) when another topic has it, whose papers it then joins.
 */
export function checkTopicName(
  typed: string,
  topics: readonly Topic[],
  current?: string,
): { message: string; severity: 'error' | 'warning' } | undefined {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (!name) return { message: l10n.t('Type a name for the topic.'), severity: 'error' };
  if (name.toLowerCase() === OTHER_TOPIC.toLowerCase())
    return { message: l10n.t('"{0}" is kept for papers no topic claims; choose another name.', OTHER_TOPIC), severity: 'error' };
  if (current !== undefined && name === current) return { message: l10n.t('That is its name now; type a new one.'), severity: 'error' };
  const taken = topics.find((topic) => topic.name.toLowerCase() === name.toLowerCase() && topic.name !== current);
  return taken
    ? { message: l10n.t('"{0}" is already a topic: the papers will join it (a merge).', taken.name), severity: 'warning' }
    : undefined;
}

/** A phrase in Title Case, as a topic split off by it might be called ("graph neural networks" → "Graph Neural Networks"). */
export function nameFromPhrase(phrase: string): string {
  return phrase
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(^|[\s-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * Which workspace folder's `.lectern/topics.json` keeps a change about some papers, given the folder
 * holding each paper's corpus file (undefined: outside every folder, e.g. the bundled sample) and the
 * workspace's folders, in order: the only folder; else the one folder holding them; else ask among
 * the folders holding them (or among all, when none does). `none` without any folder.
 * @example curationFolder(['b', 'b', undefined], ['a', 'b']) // { folder: 'b' }
 */
export function curationFolder<F>(paperFolders: Array<F | undefined>, all: F[]): { folder: F } | { ask: F[] } | { none: true } {
  if (all.length === 0) return { none: true };
  if (all.length === 1) return { folder: all[0] };
  const holding = all.filter((folder) => paperFolders.includes(folder));
  if (holding.length === 1) return { folder: holding[0] };
  return { ask: holding.length > 0 ? holding : all };
}
