import * as vscode from 'vscode';
import { markdownUri } from '../../adapters/markdown-index';
import type { TreeItemModel } from './tree-item-model';

/** A `vscode.TreeItem` from a row decided by the pure tree-item functions. */
export function toTreeItem(model: TreeItemModel): vscode.TreeItem {
  const item = new vscode.TreeItem(
    model.label,
    model.collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.id;
  if (model.description !== undefined) item.description = model.description;
  if (typeof model.tooltip === 'string') item.tooltip = model.tooltip;
  else if (model.tooltip) item.tooltip = new vscode.MarkdownString(model.tooltip.markdown, true);
  if (model.contextValue) item.contextValue = model.contextValue;
  if (model.icon)
    item.iconPath = new vscode.ThemeIcon(model.icon.id, model.icon.color ? new vscode.ThemeColor(model.icon.color) : undefined);
  if (model.command) item.command = model.command;
  if (model.accessibilityLabel) item.accessibilityInformation = { label: model.accessibilityLabel };
  if (model.resource) {
    item.resourceUri = markdownUri(model.resource);
    if (model.opensResource) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Note'), arguments: [item.resourceUri] };
  }
  return item;
}
