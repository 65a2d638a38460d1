import type * as vscode from 'vscode';
import { registerFeatures } from './vscode/features';
import { extendMarkdownIt } from './vscode/features/writing';
import type { MarkdownItLike } from './vscode/features/writing/markdown-it-citations';
import { createServices, type LecternServices } from './vscode/services';

/** What `activate` returns: for other extensions and Lectern's own extension-host tests. */
export interface LecternApi {
  library: LecternServices['library'];
  /** The services the features share (notes, the Papers tree, the reader panels…). */
  services: LecternServices;
  /** How long `activate` took, in milliseconds (also in the Lectern output channel). */
  activationMs: number;
  /** VS Code's Markdown preview calls this (`markdown.markdownItPlugins`): citations of known papers become links. */
  extendMarkdownIt<T extends MarkdownItLike>(md: T): T;
}

/** The composition root: builds the services, then registers the features over them. No corpus is read here. */
export function activate(context: vscode.ExtensionContext): LecternApi {
  const started = performance.now();
  const services = createServices(context);
  context.subscriptions.push(...registerFeatures(services));
  const activationMs = performance.now() - started;
  services.output.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return { library: services.library, services, activationMs, extendMarkdownIt: (md) => extendMarkdownIt(md, services.library) };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
