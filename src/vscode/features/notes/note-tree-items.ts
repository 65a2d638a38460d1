import type { Paper } from '../../../core/model/paper';
import { readingStatusLabel } from '../../../core/model/reading-status';
import type { NoteEntry } from '../../../core/notes/note-index';
import type { TreeItemModel } from '../tree/tree-item-model';
import * as l10n from '@vscode/l10n';

/**
 * A row of the Notes view: the paper's title (else the note's), status and tags, where the file
 * is and when it was edited, an icon for the status; clicking opens the note. An orphan (its
 * `paper:` names no paper of the corpus) says so and gets no paper commands.
 */
export function noteTreeItem(note: NoteEntry, paper: Paper | undefined, where: { relativePath: string; edited: string }): TreeItemModel {
  return {
    id: note.path,
    label: paper?.title ?? note.title ?? note.paper ?? note.path,
    collapsed: false,
    description: [note.status && readingStatusLabel(note.status), ...note.tags.map((tag) => `#${tag}`)].filter(Boolean).join(' '),
    tooltip: [
      where.relativePath,
      l10n.t('Edited {0}', where.edited),
      ...(paper ? [] : [l10n.t('No paper "{0}" in the corpus', note.paper ?? '')]),
    ].join('\n'),
    icon: { id: note.status === 'read' ? 'pass-filled' : note.status === 'reading' ? 'book' : 'note' },
    contextValue: paper ? 'paper.noted' : 'note.orphan',
    resource: note.path,
    opensResource: true,
  };
}
