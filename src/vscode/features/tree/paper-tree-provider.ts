import * as vscode from 'vscode';
import { settingsFor } from '../../lectern-settings';
import { groupPapers, type AnnotationLookup, type GroupBy, type PaperGroup } from '../../../core/tree/group-papers';
import type { LibraryService } from '../../library/library-service';
import { groupTreeItem, missingPaperTreeItem, moreTreeItem, paperTreeItem, sampleNoticeTreeItem } from './paper-tree-items';
import { toTreeItem } from './to-tree-item';
import type { ExtraTreeNode, ExtraTreeSource } from './extra-tree-source';

/** Nodes of the Papers tree. Paper nodes are keyed by group and id: a paper in two topics is two nodes. */
export type PaperTreeNode =
  | { kind: 'group'; key: string; group: PaperGroup }
  | { kind: 'paper'; key: string; groupKey: string; paperId: string }
  | { kind: 'more'; key: string; groupKey: string; remaining: number }
  | { kind: 'sampleNotice'; key: string }
  | { kind: 'extra'; key: string; node: ExtraTreeNode; parentKey?: string };

const SAMPLE_NOTICE_KEY = 'sample-notice';

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

  constructor(
    private readonly library: LibraryService,
    private readonly memento: vscode.Memento,
    /** Status and tags from notes (the tree's icons, `status:`/`tag:` filters, grouping by status or tag). */
    private readonly annotations: AnnotationLookup,
    /** Another library's roots beside the workspace's groups (the shared library), if any. */
    private readonly extra?: ExtraTreeSource,
  ) {
    this.extraListener = extra?.onDidChange((node) => this.changeEmitter.fire(node ? this.nodes.get(extraKey(node)) : undefined));
  }

  private readonly extraListener: vscode.Disposable | undefined;

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
      const groups = this.currentGroups().map((group): PaperTreeNode => this.node({ kind: 'group', key: group.key, group }));
      // The welcome view's Add Corpus File… stays in reach while the sample stands in for the user's own corpus.
      const { shown, setting } = this.library.sample;
      const extraRoots = (this.extra?.roots() ?? []).map((node) => this.extraNode(node, undefined));
      return shown && setting === 'auto'
        ? [this.node({ kind: 'sampleNotice', key: SAMPLE_NOTICE_KEY }), ...groups, ...extraRoots]
        : [...groups, ...extraRoots];
    }
    if (element.kind === 'extra') return (await this.extra?.children(element.node))?.map((node) => this.extraNode(node, element.key)) ?? [];
    if (element.kind !== 'group') return [];
    const pageSize = readPageSize();
    const ids = element.group.paperIds;
    const count = Math.min(ids.length, this.shown.get(element.key) ?? pageSize);
    // A large topic lists its subtopics first, then all its papers.
    const subgroups = (element.group.subgroups ?? []).map((group): PaperTreeNode => this.node({ kind: 'group', key: group.key, group }));
    const children: PaperTreeNode[] = ids
      .slice(0, count)
      .map((paperId) => this.node({ kind: 'paper', key: `${element.key}\u0000${paperId}`, groupKey: element.key, paperId }));
    if (count < ids.length)
      children.push(this.node({ kind: 'more', key: `${element.key}\u0000more`, groupKey: element.key, remaining: ids.length - count }));
    return [...subgroups, ...children];
  }

  getParent(element: PaperTreeNode): PaperTreeNode | undefined {
    if (element.kind === 'group') return element.group.parentKey ? this.nodes.get(element.group.parentKey) : undefined;
    if (element.kind === 'sampleNotice') return undefined;
    if (element.kind === 'extra') return element.parentKey ? this.nodes.get(element.parentKey) : undefined;
    return this.nodes.get(element.groupKey);
  }

  getTreeItem(element: PaperTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'group':
        return toTreeItem(groupTreeItem(element.group, this.groupBy));
      case 'paper': {
        const paper = this.library.current?.paper(element.paperId);
        return toTreeItem(
          paper
            ? paperTreeItem(element.key, paper, this.annotations(paper.id), { pinned: this.isPinned(element.groupKey, paper.id) })
            : missingPaperTreeItem(element.key, element.paperId),
        );
      }
      case 'more':
        return toTreeItem(moreTreeItem(element.key, element.groupKey, element.remaining, readPageSize()));
      case 'sampleNotice':
        return toTreeItem(sampleNoticeTreeItem(element.key, this.library.current?.papers.filter((paper) => paper.sample).length ?? 0));
      case 'extra':
        return this.extra!.treeItem(element.node);
    }
  }

  /** Another source's node, wrapped once per key (its data refreshed) so `getParent` and redraws find it. */
  private extraNode(node: ExtraTreeNode, parentKey: string | undefined): PaperTreeNode {
    const wrapped = this.node({ kind: 'extra', key: extraKey(node), node, parentKey });
    if (wrapped.kind === 'extra') wrapped.node = node;
    return wrapped;
  }

  /** Shows the next page of a group. */
  showMore(groupKey: string): void {
    const pageSize = readPageSize();
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
    const pageSize = readPageSize();
    if (index >= (this.shown.get(group.key) ?? pageSize)) {
      this.shown.set(group.key, Math.ceil((index + 1) / pageSize) * pageSize);
      this.changeEmitter.fire(groupNode);
    }
    return this.node({ kind: 'paper', key: `${group.key}\u0000${paperId}`, groupKey: group.key, paperId });
  }

  /** Whether the user pinned the paper to the topic the row sits in (`.lectern/topics.json`). */
  private isPinned(groupKey: string, paperId: string): boolean {
    const parent = this.nodes.get(groupKey);
    return parent?.kind === 'group' && parent.group.pinnedIds?.has(paperId) === true;
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
    this.extraListener?.dispose();
    this.changeEmitter.dispose();
  }
}

function extraKey(node: ExtraTreeNode): string {
  return `extra\u0000${node.key}`;
}

function readPageSize(): number {
  return settingsFor().treePageSize;
}
