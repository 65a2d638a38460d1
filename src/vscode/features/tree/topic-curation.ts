import * as vscode from 'vscode';
import type { Topic } from '../../../core/model/topic';
import { addCurationEntry, curationEntries, removeCurationEntries, type CurationEntry } from '../../../core/topics/edit-curation';
import { papersWithPhrase } from '../../../core/topics/papers-with-phrase';
import type { LibraryService } from '../../library/library-service';
import { paperIdFrom } from '../shared/paper-id-from';
import { refusedInRestrictedMode } from '../trust';
import type { PaperPicker } from '../shared/paper-picker';
import { checkTopicName, curationFolder, nameFromPhrase, topicChoices, topicOf } from './curation-decisions';
import { editTopicsFile, revertTopicsFile } from './topics-file-writer';
import { folderOfPath } from '../../lectern-settings';

/** What the curation commands use. */
export interface TopicCurationDeps {
  library: Pick<LibraryService, 'ensureLoaded' | 'reloadTaxonomy'>;
  picker: Pick<PaperPicker, 'pick'>;
}

/**
 * Shaping the topic tree: Rename, Merge Into…, Split…, Hide (topic rows), Move to Topic…, Pin to
 * Topic… (paper rows under a topic), Show Hidden Topics and Discover Topics Again (view menu), each also in the
 * palette. Each but the last adds one line to a `.lectern/topics.json` (`editTopicsFile`), then topics are assigned again with it
 * (`reloadTaxonomy`): in a multi-root workspace, that of the folder whose corpus holds the paper or
 * the topic's papers (asked when they are in several folders).
 */
export function registerTopicCuration(deps: TopicCurationDeps): vscode.Disposable[] {
  const curation = new TopicCuration(deps);
  const commands: Record<string, (arg?: unknown) => Promise<void>> = {
    'lectern.renameTopic': (arg) => curation.rename(arg),
    'lectern.mergeTopic': (arg) => curation.merge(arg),
    'lectern.splitTopic': (arg) => curation.split(arg),
    'lectern.hideTopic': (arg) => curation.hide(arg),
    'lectern.movePaperToTopic': (arg) => curation.placePaper(arg, 'move'),
    'lectern.pinPaperToTopic': (arg) => curation.placePaper(arg, 'pin'),
    'lectern.showHiddenTopics': () => curation.showHidden(),
  };
  // Every one writes .lectern/topics.json: refused in Restricted Mode before any question is asked.
  const gated = (run: (arg?: unknown) => Promise<void>) => async (arg?: unknown) => {
    if (!refusedInRestrictedMode(vscode.l10n.t('Editing topics'))) await run(arg);
  };
  return [
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, gated(run))),
    // Writes nothing: the topics kept over changes and window starts give way to what discovery finds now.
    vscode.commands.registerCommand('lectern.discoverTopics', () => deps.library.reloadTaxonomy(true)),
  ];
}

const NEW_TOPIC = vscode.l10n.t('$(add) New topic…');

class TopicCuration {
  constructor(private readonly deps: TopicCurationDeps) {}

  async rename(arg: unknown): Promise<void> {
    const topics = await this.topics();
    const topic = await this.pickTopic(arg, topics, vscode.l10n.t('Lectern: Rename Topic'));
    if (!topic) return;
    const to = await this.askName(topics, { title: vscode.l10n.t('Lectern: Rename "{0}"', topic), value: topic, current: topic });
    if (to) await this.write(vscode.l10n.t('renamed "{0}" to "{1}"', topic, to), { rename: topic, to }, await this.papersOf(topics, topic));
  }

  async merge(arg: unknown): Promise<void> {
    const topics = await this.topics();
    const topic = await this.pickTopic(arg, topics, vscode.l10n.t('Lectern: Merge Topic'));
    if (!topic) return;
    const into = await vscode.window.showQuickPick(topicChoices(topics, [topic]), {
      title: vscode.l10n.t('Lectern: Merge "{0}" Into…', topic),
      placeHolder: vscode.l10n.t('The topic that takes "{0}"\'s papers (and keeps its name)', topic),
    });
    if (into)
      await this.write(vscode.l10n.t('merged "{0}" into "{1}"', topic, into.label), { merge: [topic, into.label], into: into.label }, [
        ...(await this.papersOf(topics, topic)),
        ...(await this.papersOf(topics, into.label)),
      ]);
  }

  async split(arg: unknown): Promise<void> {
    const topics = await this.topics();
    const topic = await this.pickTopic(arg, topics, vscode.l10n.t('Lectern: Split Topic'));
    if (!topic) return;
    const papers = await this.papersOf(topics, topic);
    const how = await vscode.window.showQuickPick(
      [
        {
          label: vscode.l10n.t('By a phrase…'),
          detail: vscode.l10n.t('The papers of "{0}" whose title or abstract has it', topic),
          by: 'phrase' as const,
        },
        { label: vscode.l10n.t('By picking papers…'), detail: vscode.l10n.t('Papers of "{0}" you choose', topic), by: 'papers' as const },
      ],
      { title: vscode.l10n.t('Lectern: Split "{0}"', topic) },
    );
    if (!how) return;
    const entry: CurationEntry | undefined =
      how.by === 'phrase' ? await this.splitByPhrase(topic, papers, topics) : await this.splitByPapers(topic, papers, topics);
    if (entry) await this.write(vscode.l10n.t('split "{0}" off "{1}"', entry.into as string, topic), entry, papers);
  }

  async hide(arg: unknown): Promise<void> {
    const topics = await this.topics();
    const topic = await this.pickTopic(arg, topics, vscode.l10n.t('Lectern: Hide Topic'));
    if (topic)
      await this.write(
        vscode.l10n.t('hid "{0}" (its papers keep their other topics, or go to Other)', topic),
        { hide: topic },
        await this.papersOf(topics, topic),
      );
  }

  /** Move (from the topic the paper row is under) or pin a paper to a topic, new or existing. */
  async placePaper(arg: unknown, how: 'move' | 'pin'): Promise<void> {
    const title = how === 'move' ? vscode.l10n.t('Lectern: Move Paper to Topic') : vscode.l10n.t('Lectern: Pin Paper to Topic');
    const id = paperIdFrom(arg) ?? (await this.deps.picker.pick({ title }));
    if (!id) return;
    const topics = await this.topics();
    const from = topicOf(arg);
    const choice = await vscode.window.showQuickPick([{ label: NEW_TOPIC, description: '' }, ...topicChoices(topics, from ? [from] : [])], {
      title,
      placeHolder:
        how === 'move'
          ? from
            ? vscode.l10n.t('The topic it moves to from "{0}"', from)
            : vscode.l10n.t('The topic it moves to')
          : vscode.l10n.t('The topic it stays in, whatever topics are found'),
    });
    if (!choice) return;
    const to =
      choice.label === NEW_TOPIC ? await this.askName(topics, { title: vscode.l10n.t('Lectern: New Topic'), value: '' }) : choice.label;
    if (!to) return;
    const paper = (await this.deps.library.ensureLoaded()).paper(id);
    const about = paper ? [paper] : [];
    if (how === 'pin') await this.write(vscode.l10n.t('pinned the paper to "{0}"', to), { pin: id, to }, about);
    else await this.write(vscode.l10n.t('moved the paper to "{0}"', to), { move: id, ...(from ? { from } : {}), to }, about);
  }

  /** Lists the topics hidden in every workspace folder's topics file; those picked are shown again, each in its own file. */
  async showHidden(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      topicsFileUri(undefined);
      return;
    }
    const files = await Promise.all(
      folders.map(async (folder) => {
        const uri = topicsFileUri(folder)!;
        const text = await vscode.workspace.fs.readFile(uri).then(
          (bytes) => new TextDecoder().decode(bytes),
          () => undefined,
        );
        return { uri, hidden: new Set(curationEntries(text).flatMap((entry) => hiddenName(entry) ?? [])) };
      }),
    );
    const hidden = [...new Set(files.flatMap((file) => [...file.hidden]))];
    if (hidden.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lectern: no topic is hidden.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      hidden.map((label) => ({ label, picked: true })),
      { title: vscode.l10n.t('Lectern: Show Hidden Topics'), placeHolder: vscode.l10n.t('The topics to show again'), canPickMany: true },
    );
    if (!picked || picked.length === 0) return;
    const names = new Set(picked.map((item) => item.label));
    const entry = (value: unknown) => names.has(hiddenName(value) ?? '\u0000');
    for (const file of files.filter((candidate) => picked.some((item) => candidate.hidden.has(item.label)))) {
      await this.apply(
        vscode.l10n.t('showed {0} again', picked.map((item) => `"${item.label}"`).join(', ')),
        (current) => (current === undefined ? { error: vscode.l10n.t('the file is gone') } : removeCurationEntries(current, entry)),
        file.uri,
      );
    }
  }

  private async splitByPhrase(topic: string, papers: PaperLike[], topics: Topic[]): Promise<CurationEntry | undefined> {
    const phrase = await vscode.window.showInputBox({
      title: vscode.l10n.t('Lectern: Split "{0}" by a Phrase', topic),
      prompt: vscode.l10n.t('Its papers whose title or abstract has this phrase (any case, hyphens and plurals) go to a new topic'),
      validateInput: (value) => {
        if (!value.trim()) return undefined;
        const count = papersWithPhrase(papers, value).length;
        if (count === 0)
          return {
            message: vscode.l10n.t('No paper of "{0}" has "{1}".', topic, value.trim()),
            severity: vscode.InputBoxValidationSeverity.Error,
          };
        return {
          message: vscode.l10n.t('{0} of {1} papers have it.', count, papers.length),
          severity: vscode.InputBoxValidationSeverity.Info,
        };
      },
    });
    if (!phrase?.trim()) return undefined;
    const into = await this.askName(topics, { title: vscode.l10n.t('Lectern: Name the New Topic'), value: nameFromPhrase(phrase) });
    return into ? { split: topic, into, phrase: phrase.trim() } : undefined;
  }

  private async splitByPapers(topic: string, papers: PaperLike[], topics: Topic[]): Promise<CurationEntry | undefined> {
    const picked = await vscode.window.showQuickPick(
      papers.map((paper) => ({ label: paper.title, description: paper.year ? String(paper.year) : '', id: paper.id })),
      { title: vscode.l10n.t('Lectern: Split "{0}": the Papers of the New Topic', topic), canPickMany: true, matchOnDescription: true },
    );
    if (!picked || picked.length === 0) return undefined;
    const into = await this.askName(topics, { title: vscode.l10n.t('Lectern: Name the New Topic'), value: '' });
    return into ? { split: topic, into, papers: picked.map((item) => item.id) } : undefined;
  }

  private async topics(): Promise<Topic[]> {
    return (await this.deps.library.ensureLoaded()).corpus.topics;
  }

  private async papersOf(topics: Topic[], name: string): Promise<PaperLike[]> {
    const library = await this.deps.library.ensureLoaded();
    const ids = topics.find((topic) => topic.name === name)?.paperIds ?? [];
    return ids.flatMap((id) => library.paper(id) ?? []);
  }

  private async pickTopic(arg: unknown, topics: Topic[], title: string): Promise<string | undefined> {
    const named = topicOf(arg);
    if (named) return named;
    return (await vscode.window.showQuickPick(topicChoices(topics), { title, placeHolder: vscode.l10n.t('A topic of the Papers view') }))
      ?.label;
  }

  private async askName(topics: Topic[], options: { title: string; value: string; current?: string }): Promise<string | undefined> {
    const name = await vscode.window.showInputBox({
      title: options.title,
      value: options.value,
      prompt: vscode.l10n.t('The name the Papers view shows'),
      validateInput: (value) => {
        const problem = checkTopicName(value, topics, options.current);
        if (!problem) return undefined;
        const severity = problem.severity === 'error' ? vscode.InputBoxValidationSeverity.Error : vscode.InputBoxValidationSeverity.Warning;
        return { message: problem.message, severity };
      },
    });
    const clean = name?.trim().replace(/\s+/g, ' ');
    return clean && checkTopicName(clean, topics, options.current)?.severity !== 'error' ? clean : undefined;
  }

  /** Adds `entry` to the topics file of the folder whose corpus holds `papers` (see `folderForPapers`). */
  private async write(description: string, entry: CurationEntry, papers: PaperLike[]): Promise<void> {
    const folder = await folderForPapers(papers);
    if (folder === 'cancelled') return;
    const uri = topicsFileUri(folder);
    if (uri) await this.apply(description, (text) => addCurationEntry(text, entry), uri);
  }

  /** Edits the topics file, applies it to the tree, and says what happened (with Undo). */
  private async apply(description: string, plan: Parameters<typeof editTopicsFile>[1], uri: vscode.Uri): Promise<void> {
    const where = vscode.workspace.asRelativePath(uri);
    const outcome = await editTopicsFile(uri, plan);
    if (outcome.kind === 'refused') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lectern: could not change {0}: {1}', where, outcome.reason));
      return;
    }
    if (outcome.kind === 'inEditor') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Lectern: {0} in {1}, which has unsaved changes; save it to apply.', description, where),
      );
      return;
    }
    await this.deps.library.reloadTaxonomy();
    const undo = vscode.l10n.t('Undo');
    const openFile = vscode.l10n.t('Open File');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Lectern: {0} ({1}).', description, where), undo, openFile)
      .then(async (choice) => {
        if (choice === openFile) await vscode.window.showTextDocument(uri);
        if (choice !== undo) return;
        const reason = await revertTopicsFile(uri, outcome.before, outcome.after);
        if (reason) void vscode.window.showErrorMessage(vscode.l10n.t('Lectern: could not undo: {0} {1}', where, reason));
        else await this.deps.library.reloadTaxonomy();
      });
  }
}

type PaperLike = { id: string; title: string; abstract: string; year?: number; source?: { file: string } };

/** The hidden topic a `"curation"` entry names, if it is a `hide` step. */
function hiddenName(entry: unknown): string | undefined {
  const name = typeof entry === 'object' && entry !== null ? (entry as { hide?: unknown }).hide : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The workspace folder whose `.lectern/topics.json` a change about `papers` goes to: the one folder
 * whose corpus files hold them; when they are in several (or in none: the bundled sample) and the
 * workspace has several folders, the user picks one ('cancelled' if they do not).
 */
async function folderForPapers(papers: PaperLike[]): Promise<vscode.WorkspaceFolder | undefined | 'cancelled'> {
  const all = [...(vscode.workspace.workspaceFolders ?? [])];
  const owners = papers.map((paper) => paper.source && folderOfPath(paper.source.file));
  // Each owner as its entry of `all` (matched by URI), so `curationFolder` can compare them by identity.
  const decision = curationFolder(
    owners.map((owner) => all.find((folder) => folder.uri.toString() === owner?.uri.toString())),
    all,
  );
  if ('none' in decision) return undefined;
  if ('folder' in decision) return decision.folder;
  const picked = await vscode.window.showQuickPick(
    decision.ask.map((folder) => ({ label: folder.name, folder })),
    {
      title: vscode.l10n.t('Lectern: Which Folder Keeps This Change?'),
      placeHolder: vscode.l10n.t('The workspace folder whose .lectern/topics.json records the change to the topic tree'),
    },
  );
  return picked?.folder ?? 'cancelled';
}

/** A workspace folder's `.lectern/topics.json`; without a folder, says where changes would go. */
function topicsFileUri(folder: vscode.WorkspaceFolder | undefined): vscode.Uri | undefined {
  if (folder) return vscode.Uri.joinPath(folder.uri, '.lectern', 'topics.json');
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Lectern: open a folder first; changes to the topic tree are kept in its .lectern/topics.json.'),
  );
  return undefined;
}
