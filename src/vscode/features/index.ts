import type * as vscode from 'vscode';
import type { FeatureContext } from './feature-context';
import { registerPaperTree } from './tree/register-paper-tree';
import { registerSearchPapers } from './search/search-papers-command';
import { registerNotes } from './notes/register-notes';
import { registerReader } from './reader/register-reader';
import { registerLinks } from './links/register-links';
import { registerCopyCitation } from './citation/copy-citation-command';
import { registerCorpusStatusItem } from './status/corpus-status-item';
import { registerCorpusCommands } from './corpus/corpus-commands';

/** Every feature, registered in order. Each returns what it must dispose. */
export const FEATURES: Array<(features: FeatureContext) => vscode.Disposable[]> = [
  registerPaperTree,
  registerSearchPapers,
  registerNotes,
  registerReader,
  registerLinks,
  registerCopyCitation,
  registerCorpusStatusItem,
  registerCorpusCommands,
];
