import * as vscode from 'vscode';
import { settingsFor } from '../../lectern-settings';
import type { AnnotationLookup } from '../../../core/tree/group-papers';
import type { LibraryService } from '../../library/library-service';
import type { RecentPapers } from '../search/recent-papers';
import type { SearchResponse } from '../../../core/search/paper-search';
import { recentPickItems, responsePickItems, type PaperPickButton, type PaperPickModel, type PickLibrary } from './paper-pick-items';

/** A QuickPick row for one paper (or a separator / hint, with an empty `paperId`). */
interface PaperPickItem extends vscode.QuickPickItem {
  paperId: string;
  pdfPage?: number;
}

const BUTTONS: Record<PaperPickButton, vscode.QuickInputButton & { command: string; hides: boolean }> = {
  openNote: { iconPath: new vscode.ThemeIcon('note'), tooltip: vscode.l10n.t('Open Note'), command: 'lectern.openNote', hides: true },
  copyCitation: {
    iconPath: new vscode.ThemeIcon('quote'),
    tooltip: vscode.l10n.t('Copy Citation'),
    command: 'lectern.copyCitation',
    hides: false,
  },
  revealInTree: {
    iconPath: new vscode.ThemeIcon('list-tree'),
    tooltip: vscode.l10n.t('Reveal in Tree'),
    command: 'lectern.revealInTree',
    hides: true,
  },
};

function toQuickPickItem(model: PaperPickModel): PaperPickItem {
  if (model.separator) return { paperId: '', label: model.label, kind: vscode.QuickPickItemKind.Separator };
  return {
    paperId: model.paperId,
    label: model.label,
    description: model.description,
    detail: model.detail,
    alwaysShow: model.alwaysShow,
    pdfPage: model.pdfPage,
    ...(model.buttons.length > 0 ? { buttons: model.buttons.map((button) => BUTTONS[button]) } : {}),
  };
}

export interface PaperPickerDeps {
  library: Pick<LibraryService, 'state' | 'ensureLoaded' | 'search'>;
  recent: RecentPapers;
  /** Status and tags from notes, for `status:` and `tag:` in the query. */
  annotations: AnnotationLookup;
  /** Another library searched beside the workspace's (the shared library), by pickers that ask for it. */
  extra?: ExtraPickSource;
}

/** Another library's answer merged into the workspace's rows. */
export interface ExtraPickSource {
  /** The rows for `query`, merged with the workspace's answer; undefined (never a rejection) when it cannot answer. */
  rows(library: Pick<PickLibrary, 'paper'>, query: string, workspace: SearchResponse, limit: number): Promise<PaperPickModel[] | undefined>;
}

/**
 * The paper search QuickPick every command asking for a paper shows (Search Papers, Open Paper,
 * Open Note, Insert Citation…). Searches as you type (debounced; each keystroke cancels the query
 * still running, which for a large library runs in the corpus worker, so an older query's results
 * never replace a newer one's), keeps VS Code from re-filtering (`alwaysShow`), and shows
 * recently opened papers for an empty query.
 */
export class PaperPicker {
  private latestQuery = '';
  private chosenPdfPage: number | undefined;

  constructor(private readonly deps: PaperPickerDeps) {}

  /** The query of the last search shown (Search Papers highlights its terms in the reader). */
  get lastQuery(): string {
    return this.latestQuery;
  }

  /** The PDF page the last chosen row matched on, when it matched only in the paper's PDF (Search Papers opens it). */
  get lastPdfPage(): number | undefined {
    return this.chosenPdfPage;
  }

  /** Shows the QuickPick and resolves with the chosen paper id (undefined when dismissed). */
  pick(options: { title: string; initialQuery?: string; includeExtra?: boolean }): Promise<string | undefined> {
    const { library, recent } = this.deps;
    const quickPick = vscode.window.createQuickPick<PaperPickItem>();
    quickPick.title = options.title;
    quickPick.placeholder = vscode.l10n.t('Search papers: words, "phrases", topic:, author:, year:2020..2023, status:, tag:');
    quickPick.matchOnDescription = false;
    quickPick.matchOnDetail = false;
    quickPick.busy = library.state !== 'ready';
    quickPick.value = options.initialQuery ?? '';
    const settings = settingsFor();
    const debounceMs = settings.searchDebounceMs;
    const limit = settings.searchMaxResults;
    const loaded = library.ensureLoaded();
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: vscode.CancellationTokenSource | undefined;
    const cancelRunning = () => {
      running?.cancel();
      running?.dispose();
      running = undefined;
    };

    const update = async (query: string) => {
      cancelRunning();
      const cancel = (running = new vscode.CancellationTokenSource());
      const mine = ++generation;
      const lib = await loaded.catch(() => undefined);
      if (mine !== generation || !lib) return;
      let models: PaperPickModel[];
      let response: SearchResponse | undefined;
      if (query.trim()) {
        response = await library.search(query, { limit, annotations: this.deps.annotations }, cancel.token).catch(() => undefined);
        if (!response || mine !== generation) return;
        models = responsePickItems(lib, query, response);
      } else models = recentPickItems(lib, recent.list());
      quickPick.busy = false;
      this.latestQuery = query;
      quickPick.items = models.map(toQuickPickItem);
      if (response && options.includeExtra && this.deps.extra)
        await this.showExtra(quickPick, { library: lib, query, response, limit }, () => mine === generation);
    };

    return new Promise<string | undefined>((resolve) => {
      let chosen: string | undefined;
      const disposables: vscode.Disposable[] = [
        quickPick.onDidChangeValue((value) => {
          clearTimeout(timer);
          cancelRunning();
          timer = setTimeout(() => void update(value), debounceMs);
        }),
        quickPick.onDidAccept(() => {
          chosen = quickPick.activeItems[0]?.paperId || undefined;
          this.chosenPdfPage = chosen ? quickPick.activeItems[0].pdfPage : undefined;
          if (chosen) void recent.add(chosen);
          quickPick.hide();
        }),
        quickPick.onDidTriggerItemButton(async (event) => {
          const button = Object.values(BUTTONS).find((candidate) => candidate === event.button);
          if (!button) return;
          if (button.hides) quickPick.hide();
          await vscode.commands.executeCommand(button.command, event.item.paperId);
        }),
        quickPick.onDidHide(() => {
          clearTimeout(timer);
          cancelRunning();
          for (const disposable of disposables) disposable.dispose();
          quickPick.dispose();
          resolve(chosen);
        }),
      ];
      quickPick.show();
      void update(quickPick.value);
    });
  }

  /** The other library's rows replace the workspace's when they arrive, unless a newer query came first. */
  private async showExtra(
    quickPick: vscode.QuickPick<PaperPickItem>,
    asked: { library: Pick<PickLibrary, 'paper'>; query: string; response: SearchResponse; limit: number },
    current: () => boolean,
  ): Promise<void> {
    quickPick.busy = true;
    const rows = await this.deps.extra?.rows(asked.library, asked.query, asked.response, asked.limit);
    if (!current()) return;
    quickPick.busy = false;
    if (rows) quickPick.items = rows.map(toQuickPickItem);
  }
}
