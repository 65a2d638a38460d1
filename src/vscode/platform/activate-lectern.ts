import * as vscode from 'vscode';
import { useMessageBundle } from '../../core/l10n/message-bundle';
import { registerFeatures } from '../features';
import { extendMarkdownIt } from '../features/writing';
import type { MarkdownItLike } from '../features/writing/markdown-it-citations';
import { createServices, type LecternServices } from '../services';
import type { LecternPlatform } from './lectern-platform';

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

/**
 * The composition root, shared by the desktop entry (`src/extension.ts`) and the web one (`src/web/extension.ts`):
 * builds the services over `platform`, then registers the features over them. No corpus is read here.
 */
export function activateLectern(context: vscode.ExtensionContext, platform: LecternPlatform): LecternApi {
  const started = performance.now();
  // Core's messages (importers' diagnostics, note problems) in VS Code's display language, as the rest of the UI.
  useMessageBundle(vscode.l10n.bundle);
  const services = createServices(context, platform);
  context.subscriptions.push(...registerFeatures(services));
  const activationMs = performance.now() - started;
  services.output.info(`Activated in ${activationMs.toFixed(1)} ms${platform.kind === 'web' ? ' (VS Code for the Web)' : ''}.`);
  return { library: services.library, services, activationMs, extendMarkdownIt: (md) => extendMarkdownIt(md, services.library) };
}
