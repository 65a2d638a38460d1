import * as l10n from '@vscode/l10n';
import type { Paper } from '../model/paper';
import type { Topic } from '../model/topic';
import { READING_STATUSES, readingStatusLabel } from '../model/reading-status';

/** How the sidebar groups papers. */
export type GroupBy = 'topic' | 'year' | 'status' | 'tag' | 'source';

/** The ways to group, as Group By offers them (translated: call it when showing them). */
export function groupByChoices(): ReadonlyArray<{ value: GroupBy; label: string; detail: string }> {
  return [
    {
      value: 'topic',
      label: l10n.t('Topic'),
      detail: l10n.t('Topics from metadata, the taxonomy and discovery; a paper may sit in up to three'),
    },
    { value: 'year', label: l10n.t('Year'), detail: l10n.t('Newest first') },
    { value: 'status', label: l10n.t('Status'), detail: l10n.t('To read, reading, read (from notes)') },
    { value: 'tag', label: l10n.t('Tag'), detail: l10n.t('Tags from notes; a paper with several tags appears under each') },
    { value: 'source', label: l10n.t('Source file'), detail: l10n.t('The corpus file each paper came from') },
  ];
}

/** Status and tags of a paper, which notes provide. */
export type AnnotationLookup = (id: string) => { status?: string; tags?: string[] } | undefined;

/** One group of the tree: a topic, a year, a status, a tag or a file. */
export interface PaperGroup {
  /** Stable key, unique within one grouping (used as the tree item id). */
  key: string;
  label: string;
  /** Extra text, e.g. a source file's folder. */
  detail?: string;
  paperIds: string[];
  /** Groups inside this one (a large topic's subtopics, see `Topic.subtopics`), largest first. Default: none. */
  subgroups?: PaperGroup[];
  /** The key of the group this one sits in, for a subgroup. */
  parentKey?: string;
  /** Papers the user pinned to this topic (see `Topic.pinnedIds`). Default: none. */
  pinnedIds?: ReadonlySet<string>;
}

export interface GroupPapersInput {
  papers: Paper[];
  topics: Topic[];
}

export interface GroupPapersOptions {
  annotations?: AnnotationLookup;
  /** Only these papers (a tree filter); groups left empty are dropped. */
  only?: ReadonlySet<string>;
}

const STATUS_ORDER: readonly string[] = READING_STATUSES;

/**
 * Groups papers for the sidebar. Pure and deterministic so the tree is tested without VS Code.
 * Papers keep corpus order inside a group; the catch-all group ("No year", "Untagged"…) is last.
 */
export function groupPapers(input: GroupPapersInput, groupBy: GroupBy, options: GroupPapersOptions = {}): PaperGroup[] {
  const keep = (id: string) => !options.only || options.only.has(id);
  const papers = input.papers.filter((p) => keep(p.id));
  const annotation = (id: string) => options.annotations?.(id);
  let groups: PaperGroup[];
  switch (groupBy) {
    case 'topic':
      groups = input.topics.map((topic) => {
        const key = `topic:${topic.name}`;
        const subgroups = (topic.subtopics ?? [])
          .map((sub) => ({ key: `${key}\u0000sub:${sub.name}`, label: sub.name, paperIds: sub.paperIds.filter(keep), parentKey: key }))
          .filter((sub) => sub.paperIds.length > 0);
        return {
          key,
          label: topic.name,
          paperIds: topic.paperIds.filter(keep),
          ...(subgroups.length > 0 ? { subgroups } : {}),
          ...(topic.pinnedIds ? { pinnedIds: new Set(topic.pinnedIds) } : {}),
        };
      });
      break;
    case 'year': {
      const byYear = bucket(papers, (p) => [p.year === undefined ? '' : String(p.year)]);
      const years = [...byYear.keys()].filter(Boolean).sort((a, b) => Number(b) - Number(a));
      groups = years.map((year) => ({ key: `year:${year}`, label: year, paperIds: byYear.get(year)! }));
      if (byYear.has('')) groups.push({ key: 'year:none', label: l10n.t('No Year'), paperIds: byYear.get('')! });
      break;
    }
    case 'status': {
      const byStatus = bucket(papers, (p) => [annotation(p.id)?.status ?? '']);
      const known = STATUS_ORDER.filter((s) => byStatus.has(s));
      const custom = [...byStatus.keys()].filter((s) => s && !STATUS_ORDER.includes(s)).sort();
      groups = [...known, ...custom].map((s) => ({ key: `status:${s}`, label: readingStatusLabel(s), paperIds: byStatus.get(s)! }));
      if (byStatus.has('')) groups.push({ key: 'status:none', label: l10n.t('No Status'), paperIds: byStatus.get('')! });
      break;
    }
    case 'tag': {
      const byTag = bucket(papers, (p) => {
        const tags = annotation(p.id)?.tags ?? [];
        return tags.length > 0 ? tags : [''];
      });
      const tags = [...byTag.keys()].filter(Boolean).sort((a, b) => a.localeCompare(b));
      groups = tags.map((tag) => ({ key: `tag:${tag}`, label: tag, paperIds: byTag.get(tag)! }));
      if (byTag.has('')) groups.push({ key: 'tag:none', label: l10n.t('Untagged'), paperIds: byTag.get('')! });
      break;
    }
    case 'source': {
      const byFile = bucket(papers, (p) => [p.source.file]);
      groups = [...byFile.keys()].sort().map((file) => {
        const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return {
          key: `source:${file}`,
          label: file.slice(slash + 1),
          detail: slash > 0 ? file.slice(0, slash) : undefined,
          paperIds: byFile.get(file)!,
        };
      });
      break;
    }
  }
  return groups.filter((group) => group.paperIds.length > 0);
}

function bucket(papers: Paper[], keysOf: (paper: Paper) => string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const paper of papers) {
    for (const key of new Set(keysOf(paper))) {
      const list = map.get(key);
      if (list) list.push(paper.id);
      else map.set(key, [paper.id]);
    }
  }
  return map;
}
