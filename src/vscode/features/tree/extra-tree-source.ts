import type * as vscode from 'vscode';

/** A node of another source's part of the Papers tree; its `key` is unique within that source. */
export interface ExtraTreeNode {
  key: string;
}

/**
 * Another library's roots in the Papers tree, beside the workspace's own groups (the shared library's
 * "Shared library: user@host/db"): the tree asks it for children and rows, and redraws a node when it says so.
 */
export interface ExtraTreeSource {
  /** A node changed (its children or row), or, with undefined, the roots. */
  readonly onDidChange: vscode.Event<ExtraTreeNode | undefined>;
  roots(): ExtraTreeNode[];
  children(node: ExtraTreeNode): Promise<ExtraTreeNode[]>;
  treeItem(node: ExtraTreeNode): vscode.TreeItem;
}
