import type * as vscode from 'vscode';
import type { LecternServices } from '../services';
import { registerCitation } from './citation';
import { registerCorpus } from './corpus';
import { registerLinks } from './links';
import { registerNotes } from './notes';
import { registerPdf } from './pdf';
import { registerReader } from './reader';
import { registerSearch } from './search';
import { registerSharedLibrary } from './shared-library';
import { registerStatus } from './status';
import { registerTree } from './tree';
import { registerTrust } from './trust';
import { registerTopicCuration } from './tree/topic-curation';
import { registerWriting } from './writing';

/**
 * Every feature, each handed exactly the services it uses. Features only register views and
 * commands over those services, so the order below does not matter. Returns what to dispose.
 */
export function registerFeatures(services: LecternServices): vscode.Disposable[] {
  const { library, output, recent, notes, annotations, picker, paperTree, readers, conflicts, pdfs, shared, sharedTree } = services;
  const activePaperId = readers.activePaperId;
  return [
    ...registerTree({ library, provider: paperTree, notes, activePaperId }),
    ...registerTopicCuration({ library, picker }),
    ...registerSearch({ picker }),
    ...registerNotes({ notes, library, output, picker, activePaperId }),
    ...registerReader({ library, readers, conflicts, picker, shared }),
    ...registerPdf({ library, readers, pdfs, picker }),
    ...registerLinks({ library, output, recent, annotations, picker, activePaperId }),
    ...registerCitation({ library, picker, activePaperId }),
    ...registerStatus({ library }),
    ...registerCorpus({ library }),
    ...registerWriting({ library, recent, output }),
    ...registerTrust({ library, output }),
    ...registerSharedLibrary({ shared, sharedTree, output }),
  ];
}
