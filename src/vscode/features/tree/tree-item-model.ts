/**
 * A tree row as plain data: what the Papers and Notes views show, decided without VS Code so the
 * unit tests check it. `toTreeItem` (to-tree-item.ts) turns it into a `vscode.TreeItem`.
 */
export interface TreeItemModel {
  id: string;
  label: string;
  collapsed: boolean;
  description?: string;
  /** Plain text, or markdown (with theme icons) drawn as a rich hover. */
  tooltip?: string | { markdown: string };
  contextValue?: string;
  /** A codicon id, optionally coloured with a theme colour id. */
  icon?: { id: string; color?: string };
  command?: { command: string; title: string; arguments: unknown[] };
  accessibilityLabel?: string;
  /** The markdown file the row stands for (a `MarkdownIndex` key); with `opensResource`, clicking opens it. */
  resource?: string;
  opensResource?: boolean;
}
