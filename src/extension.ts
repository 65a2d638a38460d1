import * as vscode from 'vscode';
import { LibraryService } from './vscode/library/library-service';
import { RecentPapers } from './vscode/features/search/recent-papers';
import { FEATURES } from './vscode/features';
import type { FeatureContext } from './vscode/features/feature-context';

/** What `activate` returns: for other extensions and Lectern's own extension-host tests. */
export interface LecternApi {
  library: LibraryService;
  features: FeatureContext;
  /** How long `activate` took, in milliseconds (also in the Lectern output channel). */
  activationMs: number;
}

/** Registers Lectern's views and commands. No corpus is read here: the library loads on first use. */
export function activate(context: vscode.ExtensionContext): LecternApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Lectern', { log: true });
  const library = new LibraryService(context, output);
  const features: FeatureContext = { extension: context, library, output, recent: new RecentPapers(context.workspaceState), trees: {} };
  context.subscriptions.push(output, library);
  for (const register of FEATURES) context.subscriptions.push(...register(features));
  const activationMs = performance.now() - started;
  output.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return { library, features, activationMs };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
