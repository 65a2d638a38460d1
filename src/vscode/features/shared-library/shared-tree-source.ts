import * as vscode from 'vscode';
import type { TopicCount } from '../../../core/library/library-backend';
import { settingsFor } from '../../lectern-settings';
import type { ExtraTreeNode, ExtraTreeSource } from '../tree/extra-tree-source';
import type { ConnectionState } from './connection-state';
import type { SharedLibrary } from './shared-library';

/** A row of the shared library's part of the Papers tree. */
type SharedNode =
  | { key: string; type: 'root' }
  | { key: string; type: 'topic'; topic: TopicCount }
  | { key: string; type: 'all'; total: number }
  | { key: string; type: 'paper'; paperId: string; title: string; description?: string }
  | { key: string; type: 'more'; parentKey: string; remaining: number }
  | { key: string; type: 'message'; text: string; tooltip?: string };

const ROOT_KEY = 'shared';
const ALL_KEY = 'shared/all';

/**
 * The shared library's root in the Papers tree: its topics with counts (one query of `lectern_topics`), then "All
 * papers"; each lists one page of papers (`lectern.tree.pageSize`) and a "Load more…" row — never the whole
 * library. A topic's page is a `topic:` search (newest first); "All papers" pages by id. Offline, the root says so
 * and offers the library's actions.
 */
export class SharedTreeSource implements ExtraTreeSource, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExtraTreeNode | undefined>();
  readonly onDidChange = this.changeEmitter.event;
  /** How many papers each topic or "All papers" shows. */
  private readonly shown = new Map<string, number>();
  private readonly listener: vscode.Disposable;
  private total: number | undefined;

  constructor(private readonly shared: SharedLibrary) {
    this.listener = shared.onDidChangeState((state) => this.stateChanged(state));
  }

  roots(): ExtraTreeNode[] {
    const root: SharedNode = { key: ROOT_KEY, type: 'root' };
    return this.shared.state === 'off' ? [] : [root];
  }

  async children(node: ExtraTreeNode): Promise<ExtraTreeNode[]> {
    const shared = node as SharedNode;
    if (shared.type === 'root') return this.rootChildren();
    if (shared.type === 'topic') return this.topicChildren(shared);
    if (shared.type === 'all') return this.allChildren(shared);
    return [];
  }

  /** "Load more…": the next page of a topic or of "All papers". */
  showMore(parentKey: string): void {
    const pageSize = settingsFor().treePageSize;
    this.shown.set(parentKey, (this.shown.get(parentKey) ?? pageSize) + pageSize);
    this.changeEmitter.fire({ key: parentKey });
  }

  treeItem(node: ExtraTreeNode): vscode.TreeItem {
    const shared = node as SharedNode;
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (shared.type) {
      case 'root': {
        const item = new vscode.TreeItem(vscode.l10n.t('Shared library: {0}', this.shared.label ?? ''), collapsed);
        item.description = this.shared.state === 'connected' ? this.countText() : this.shared.state;
        item.tooltip = this.shared.lastProblem ?? vscode.l10n.t('The shared PostgreSQL library (setting lectern.library.database).');
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'sharedLibrary';
        return withId(item, shared.key);
      }
      case 'topic': {
        const item = new vscode.TreeItem(shared.topic.name, collapsed);
        item.description = `${shared.topic.count}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'sharedTopic';
        return withId(item, shared.key);
      }
      case 'all': {
        const item = new vscode.TreeItem(vscode.l10n.t('All papers'), collapsed);
        item.description = `${shared.total}`;
        item.iconPath = new vscode.ThemeIcon('library');
        return withId(item, shared.key);
      }
      case 'paper': {
        const item = new vscode.TreeItem(shared.title, vscode.TreeItemCollapsibleState.None);
        item.description = shared.description;
        item.tooltip = vscode.l10n.t('{0}\nIn the shared library {1}. Click to open.', shared.title, this.shared.label ?? '');
        item.iconPath = new vscode.ThemeIcon('cloud');
        item.contextValue = 'sharedPaper';
        item.command = { command: 'lectern.openPaper', title: vscode.l10n.t('Open Paper'), arguments: [shared.paperId] };
        return withId(item, shared.key);
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.description = vscode.l10n.t('{0} not shown', shared.remaining);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'lectern.showMoreSharedPapers', title: vscode.l10n.t('Load more…'), arguments: [shared.parentKey] };
        return withId(item, shared.key);
      }
      case 'message': {
        const item = new vscode.TreeItem(shared.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = shared.tooltip;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: 'lectern.sharedLibraryActions', title: vscode.l10n.t('Shared Library Actions') };
        return withId(item, shared.key);
      }
    }
  }

  private async rootChildren(): Promise<SharedNode[]> {
    const topics = this.shared.state === 'connected' ? await this.shared.topics() : undefined;
    const page = topics && (await this.shared.list(0, 0));
    if (!topics || !page) return [this.problemNode()];
    if (this.total !== page.total) {
      this.total = page.total;
      this.changeEmitter.fire({ key: ROOT_KEY }); // the root's count
    }
    return [
      ...topics.map((topic): SharedNode => ({ key: `shared/topic/${topic.name}`, type: 'topic', topic })),
      { key: ALL_KEY, type: 'all', total: page.total },
    ];
  }

  private async topicChildren(node: Extract<SharedNode, { type: 'topic' }>): Promise<SharedNode[]> {
    const limit = this.shown.get(node.key) ?? settingsFor().treePageSize;
    const hits = await this.shared.topicHits(node.topic.name, limit);
    if (!hits) return [this.problemNode()];
    const papers = hits.results.map((hit): SharedNode => ({
      key: `${node.key}/${hit.id}`,
      type: 'paper',
      paperId: hit.id,
      title: hit.title,
    }));
    return withMore(papers, node.key, hits.total);
  }

  private async allChildren(node: Extract<SharedNode, { type: 'all' }>): Promise<SharedNode[]> {
    const limit = this.shown.get(node.key) ?? settingsFor().treePageSize;
    const page = await this.shared.list(limit, 0);
    if (!page) return [this.problemNode()];
    const papers = page.papers.map((paper): SharedNode => ({
      key: `${node.key}/${paper.id}`,
      type: 'paper',
      paperId: paper.id,
      title: paper.title,
      description: paper.year ? String(paper.year) : undefined,
    }));
    return withMore(papers, node.key, page.total);
  }

  private problemNode(): SharedNode {
    const text =
      this.shared.state === 'connecting'
        ? vscode.l10n.t('Connecting…')
        : vscode.l10n.t('The shared library cannot be read now. Click for its actions.');
    return { key: 'shared/message', type: 'message', text, tooltip: this.shared.lastProblem };
  }

  private countText(): string {
    return this.total === undefined ? '' : vscode.l10n.t('{0} papers', this.total);
  }

  private stateChanged(state: ConnectionState): void {
    if (state !== 'connected') this.total = undefined;
    this.shown.clear();
    this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    this.listener.dispose();
    this.changeEmitter.dispose();
  }
}

/** A page of papers and, when the topic or library holds more, the "Load more…" row. */
function withMore(papers: SharedNode[], parentKey: string, total: number): SharedNode[] {
  const remaining = total - papers.length;
  return remaining > 0 ? [...papers, { key: `${parentKey}/more`, type: 'more', parentKey, remaining }] : papers;
}

function withId(item: vscode.TreeItem, key: string): vscode.TreeItem {
  item.id = `lectern.shared:${key}`;
  return item;
}
