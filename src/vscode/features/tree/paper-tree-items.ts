import type { Paper } from '../../../core/model/paper';
import { readingStatusLabel } from '../../../core/model/reading-status';
import { OTHER_TOPIC } from '../../../core/topics/assign-topics';
import type { GroupBy, PaperGroup } from '../../../core/tree/group-papers';
import { escapeMarkdown } from '../shared/markdown-text';
import type { TreeItemModel } from './tree-item-model';
import * as l10n from '@vscode/l10n';

/** What notes say about a paper: its status and tags (undefined: the paper has no note). */
export type PaperAnnotation = { status?: string; tags?: string[] } | undefined;

const GROUP_ICONS: Record<GroupBy, string> = {
  topic: 'symbol-namespace',
  year: 'calendar',
  status: 'checklist',
  tag: 'tag',
  source: 'file',
};
const TOOLTIP_ABSTRACT_CHARS = 320;

/** A group row (topic, year, status, tag or file): its paper count as the description. */
export function groupTreeItem(group: PaperGroup, groupBy: GroupBy): TreeItemModel {
  const count = group.paperIds.length;
  return {
    id: group.key,
    label: group.label,
    collapsed: true,
    description: `${count}`,
    tooltip: `${group.label}: ${count} paper${count === 1 ? '' : 's'}${group.detail ? `\n${group.detail}` : ''}`,
    // Subtopics get no topic actions (they are recomputed with the library), nor does "Other" (no topic to rename,
    // merge, split or hide).
    contextValue: group.parentKey
      ? 'group.subtopic'
      : groupBy === 'topic' && group.label === OTHER_TOPIC
        ? 'group.topic.other'
        : `group.${groupBy}`,
    icon: { id: GROUP_ICONS[groupBy] },
  };
}

/** What marks a paper of the bundled sample in the tree (its description) and the reader. Functions: translated when shown. */
const sampleMark = (): string => l10n.t('sample');
const sampleNote = (): string => l10n.t('Sample paper — bundled with Lectern');
/** What marks a paper pinned to the topic its row sits in. */
const pinMark = (): string => l10n.t('pinned');
const pinNote = (): string => l10n.t('*Pinned to this topic in `.lectern/topics.json`.*');

/**
 * A paper row: year, status, the pin mark (pinned to the topic it sits in) and the sample mark (its description), an
 * icon for the status, a rich tooltip; clicking opens the reader.
 */
export function paperTreeItem(key: string, paper: Paper, annotation: PaperAnnotation, marks: { pinned?: boolean } = {}): TreeItemModel {
  const tooltip = paperTooltip(paper, annotation);
  return {
    id: key,
    label: paper.title,
    collapsed: false,
    description: [
      paper.year,
      annotation?.status && readingStatusLabel(annotation.status),
      marks.pinned && pinMark(),
      paper.sample && sampleMark(),
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: { markdown: marks.pinned ? `${tooltip}\n\n${pinNote()}` : tooltip },
    icon: paperIcon(annotation),
    contextValue: annotation ? 'paper.noted' : 'paper',
    command: { command: 'lectern.openPaper', title: l10n.t('Open Paper'), arguments: [paper.id] },
    accessibilityLabel: [
      paper.title,
      paper.year,
      marks.pinned && l10n.t('pinned to this topic'),
      paper.sample && sampleNote().toLowerCase(),
    ]
      .filter(Boolean)
      .join(', '),
  };
}

/**
 * The first row while the bundled sample stands in for a corpus of the user's own
 * (`lectern.includeSampleCorpus: auto`): it says so, and clicking it is Add Corpus File….
 */
export function sampleNoticeTreeItem(key: string, paperCount: number): TreeItemModel {
  return {
    id: key,
    label: l10n.t('Sample papers, bundled with Lectern'),
    collapsed: false,
    description: l10n.t('Add Corpus File…'),
    tooltip: {
      markdown: l10n.t(
        '$(beaker) These {0} papers ship with Lectern to show what it does. They make way for your own as soon as the workspace has a corpus file (`.bib`, CSL-JSON, JSON Lines; setting `lectern.corpus`).\n\nClick to add one.',
        paperCount,
      ),
    },
    icon: { id: 'beaker' },
    contextValue: 'sampleNotice',
    command: { command: 'lectern.addCorpusFile', title: l10n.t('Add Corpus File…'), arguments: [] },
  };
}

/** A row for a paper id the library no longer has (the tree redraws after the corpus changed). */
export function missingPaperTreeItem(key: string, paperId: string): TreeItemModel {
  return { id: key, label: paperId, collapsed: false };
}

/** The "Show N more…" row at the end of a long group. */
export function moreTreeItem(key: string, groupKey: string, remaining: number, pageSize: number): TreeItemModel {
  return {
    id: key,
    label: l10n.t('Show {0} more…', Math.min(pageSize, remaining)),
    collapsed: false,
    description: l10n.t('{0} not shown', remaining),
    icon: { id: 'ellipsis' },
    command: { command: 'lectern.showMorePapers', title: l10n.t('Show More Papers'), arguments: [groupKey] },
  };
}

/** Read: a green check; reading: a blue book; to read: a bookmark; a note without status: a note; no note: a file. */
export function paperIcon(annotation: PaperAnnotation): { id: string; color?: string } {
  switch (annotation?.status) {
    case 'read':
      return { id: 'pass-filled', color: 'charts.green' };
    case 'reading':
      return { id: 'book', color: 'charts.blue' };
    case 'to-read':
      return { id: 'bookmark' };
    default:
      return { id: annotation ? 'note' : 'file-text' };
  }
}

/** The paper's hover, in markdown: title, authors (four, then "et al."), year and venue, topics, status and tags, the abstract's start. */
export function paperTooltip(paper: Paper, annotation?: PaperAnnotation): string {
  let md = `**${escapeMarkdown(paper.title)}**\n\n`;
  if (paper.sample) md += `$(beaker) *${sampleNote()}*\n\n`;
  const byline = [
    paper.authors.length > 4 ? l10n.t('{0} et al.', paper.authors.slice(0, 4).join(', ')) : paper.authors.join(', '),
    paper.year,
    paper.venue,
  ]
    .filter(Boolean)
    .join(' · ');
  if (byline) md += `${escapeMarkdown(String(byline))}\n\n`;
  if (paper.topics.length > 0) md += `$(symbol-namespace) ${escapeMarkdown(paper.topics.join(', '))}\n\n`;
  if (annotation?.status || annotation?.tags?.length)
    md += `$(tag) ${escapeMarkdown([annotation.status && readingStatusLabel(annotation.status), ...(annotation.tags ?? [])].filter(Boolean).join(', '))}\n\n`;
  if (paper.abstract) {
    const start =
      paper.abstract.length > TOOLTIP_ABSTRACT_CHARS
        ? `${paper.abstract.slice(0, TOOLTIP_ABSTRACT_CHARS).replace(/\s+\S*$/, '')}…`
        : paper.abstract;
    md += escapeMarkdown(start);
  }
  return md;
}
