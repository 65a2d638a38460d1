import * as vscode from 'vscode';
import type { Paper } from '../../../core/model/paper';
import { groupPapers, type AnnotationLookup, type GroupBy, type PaperGroup } from '../../../core/tree/group-papers';
import type { LibraryService } from '../../library/library-service';

/** Nodes of the Papers tree. Paper nodes are keyed by group and id: a paper in two topics is two nodes. */
export type PaperTreeNode =
  | { kind: 'group'; key: string; group: PaperGroup }
  | { kind: 'paper'; key: string; groupKey: string; paperId: string }
  | { kind: 'more'; key: string; groupKey: string; remaining: number };

const GROUP_BY_KEY = 'lectern.tree.groupBy';

/**
 * The "Papers" view: groups (topics by default) with paper counts, papers under them, and a
 * "Show more…" item so a group of thousands opens instantly. Built from pure `groupPapers`
 * output; node objects are cached by key so `reveal` and `getParent` see the same instances.
 */
export class PaperTreeProvider implements vscode.TreeDataProvider<PaperTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<PaperTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private groups: PaperGroup[] | undefined;
  private readonly nodes = new Map<string, PaperTreeNode>();
  /** How many papers each group shows (paging). */
  private readonly shown = new Map<string, number>();
  private filterQuery: string | undefined;
  private filterIds: Set<string> | undefined;
  private annotations: AnnotationLookup | undefined;

  constructor(
    private readonly library: LibraryService,
    private readonly memento: vscode.Memento,
  ) {}

  get groupBy(): GroupBy {
    return this.memento.get<GroupBy>(GROUP_BY_KEY, 'topic');
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    await this.memento.update(GROUP_BY_KEY, groupBy);
    this.refresh();
  }

  get filter(): string | undefined {
    return this.filterQuery;
  }

  /** Narrows the tree to the papers a search query matches (any query, including `topic:`/`year:` filters). */
  async setFilter(query: string | undefined): Promise<number | undefined> {
    if (!query?.trim()) {
      this.filterQuery = undefined;
      this.filterIds = undefined;
      this.refresh();
      return undefined;
    }
    const library = await this.library.ensureLoaded();
    const response = library.search.search(query, { limit: Number.MAX_SAFE_INTEGER, annotations: this.annotations, highlight: false });
    this.filterQuery = query.trim();
    this.filterIds = new Set(response.results.map((hit) => hit.id));
    this.refresh();
    return this.filterIds.size;
  }

  setAnnotations(annotations: AnnotationLookup | undefined): void {
    this.annotations = annotations;
    this.refresh();
  }

  /** The corpus changed: re-run the filter's query (new papers may match it), then redraw. */
  async onLibraryChanged(): Promise<void> {
    if (this.filterQuery) await this.setFilter(this.filterQuery);
    else this.refresh();
  }

  /** Drops cached groups after the corpus, grouping or filter changed. */
  refresh(): void {
    this.groups = undefined;
    this.nodes.clear();
    this.changeEmitter.fire(undefined);
  }

  async getChildren(element?: PaperTreeNode): Promise<PaperTreeNode[]> {
    if (!element) {
      // A failed load was already reported (notification and log); the view shows its welcome text.
      if (this.library.state === 'idle' || this.library.state === 'loading') await this.library.ensureLoaded().catch(() => undefined);
      return this.currentGroups().map((group) => this.node({ kind: 'group', key: group.key, group }));
    }
    if (element.kind !== 'group') return [];
    const pageSize = vscode.workspace.getConfiguration('lectern').get<number>('tree.pageSize', 200);
    const ids = element.group.paperIds;
    const count = Math.min(ids.length, this.shown.get(element.key) ?? pageSize);
    const children: PaperTreeNode[] = ids
      .slice(0, count)
      .map((paperId) => this.node({ kind: 'paper', key: `${element.key}\u0000${paperId}`, groupKey: element.key, paperId }));
    if (count < ids.length)
      children.push(this.node({ kind: 'more', key: `${element.key}\u0000more`, groupKey: element.key, remaining: ids.length - count }));
    return children;
  }

  getParent(element: PaperTreeNode): PaperTreeNode | undefined {
    if (element.kind === 'group') return undefined;
    return this.nodes.get(element.groupKey);
  }

  getTreeItem(element: PaperTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'group': {
        const item = new vscode.TreeItem(element.group.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.key;
        item.description = `${element.group.paperIds.length}`;
        item.tooltip = `${element.group.label}: ${element.group.paperIds.length} paper${element.group.paperIds.length === 1 ? '' : 's'}${element.group.detail ? `\n${element.group.detail}` : ''}`;
        item.contextValue = `group.${this.groupBy}`;
        item.iconPath = new vscode.ThemeIcon(groupIcon(this.groupBy));
        return item;
      }
      case 'paper': {
        const paper = this.library.current?.paper(element.paperId);
        const item = new vscode.TreeItem(paper?.title ?? element.paperId, vscode.TreeItemCollapsibleState.None);
        item.id = element.key;
        if (!paper) return item;
        const annotation = this.annotations?.(paper.id);
        item.description = [paper.year, annotation?.status].filter(Boolean).join(' · ');
        item.tooltip = paperTooltip(paper, annotation);
        item.iconPath = paperIcon(annotation);
        item.contextValue = annotation ? 'paper.noted' : 'paper';
        item.command = { command: 'lectern.openPaper', title: 'Open Paper', arguments: [paper.id] };
        item.accessibilityInformation = { label: `${paper.title}${paper.year ? `, ${paper.year}` : ''}` };
        return item;
      }
      case 'more': {
        const pageSize = vscode.workspace.getConfiguration('lectern').get<number>('tree.pageSize', 200);
        const item = new vscode.TreeItem(`Show ${Math.min(pageSize, element.remaining)} more…`, vscode.TreeItemCollapsibleState.None);
        item.id = element.key;
        item.description = `${element.remaining} not shown`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'lectern.showMorePapers', title: 'Show More Papers', arguments: [element.groupKey] };
        return item;
      }
    }
  }

  /** Shows the next page of a group. */
  showMore(groupKey: string): void {
    const pageSize = vscode.workspace.getConfiguration('lectern').get<number>('tree.pageSize', 200);
    const group = this.nodes.get(groupKey);
    this.shown.set(groupKey, (this.shown.get(groupKey) ?? pageSize) + pageSize);
    this.changeEmitter.fire(group);
  }

  /** The first node showing a paper, paging its group far enough; for Reveal in Tree. */
  async nodeForPaper(paperId: string): Promise<PaperTreeNode | undefined> {
    await this.library.ensureLoaded();
    const group = this.currentGroups().find((g) => g.paperIds.includes(paperId));
    if (!group) return undefined;
    const groupNode = this.node({ kind: 'group', key: group.key, group });
    const index = group.paperIds.indexOf(paperId);
    const pageSize = vscode.workspace.getConfiguration('lectern').get<number>('tree.pageSize', 200);
    if (index >= (this.shown.get(group.key) ?? pageSize)) {
      this.shown.set(group.key, Math.ceil((index + 1) / pageSize) * pageSize);
      this.changeEmitter.fire(groupNode);
    }
    return this.node({ kind: 'paper', key: `${group.key}\u0000${paperId}`, groupKey: group.key, paperId });
  }

  private currentGroups(): PaperGroup[] {
    const library = this.library.current;
    if (!library) return [];
    this.groups ??= groupPapers(library.corpus, this.groupBy, { annotations: this.annotations, only: this.filterIds });
    return this.groups;
  }

  private node<T extends PaperTreeNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.key) as T | undefined;
    if (existing) return existing;
    this.nodes.set(fresh.key, fresh);
    return fresh;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function groupIcon(groupBy: GroupBy): string {
  return { topic: 'symbol-namespace', year: 'calendar', status: 'checklist', tag: 'tag', source: 'file' }[groupBy];
}

function paperIcon(annotation: { status?: string } | undefined): vscode.ThemeIcon {
  switch (annotation?.status) {
    case 'read':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
    case 'reading':
      return new vscode.ThemeIcon('book', new vscode.ThemeColor('charts.blue'));
    case 'to-read':
      return new vscode.ThemeIcon('bookmark');
    default:
      return new vscode.ThemeIcon(annotation ? 'note' : 'file-text');
  }
}

/** Authors, year and the first lines of the abstract, as the issue asks for the hover. */
export function paperTooltip(paper: Paper, annotation?: { status?: string; tags?: string[] }): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(paper.title)}**\n\n`);
  const byline = [paper.authors.slice(0, 4).join(', ') + (paper.authors.length > 4 ? ' et al.' : ''), paper.year, paper.venue]
    .filter(Boolean)
    .join(' · ');
  if (byline) md.appendMarkdown(`${escapeMarkdown(String(byline))}\n\n`);
  if (paper.topics.length > 0) md.appendMarkdown(`$(symbol-namespace) ${escapeMarkdown(paper.topics.join(', '))}\n\n`);
  if (annotation?.status || annotation?.tags?.length)
    md.appendMarkdown(`$(tag) ${escapeMarkdown([annotation.status, ...(annotation.tags ?? [])].filter(Boolean).join(', '))}\n\n`);
  if (paper.abstract) {
    const start = paper.abstract.length > 320 ? `${paper.abstract.slice(0, 320).replace(/\s+\S*$/, '')}…` : paper.abstract;
    md.appendMarkdown(escapeMarkdown(start));
  }
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
