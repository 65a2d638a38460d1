import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useCitationStyle } from '../../../core/cite/active-citation-style';
import { resolveCitationStyle, type CitationFile, type CitationStyle } from '../../../core/cite/citation-style';
import { warmUpStyle } from '../../../core/cite/csl-engine';
import type { Diagnostic } from '../../../core/model/diagnostic';
import { activeFolder, onDidChangeSettings, settingsFor } from '../../lectern-settings';

const EXTENSION_ID = 'lectern-research.lectern';

/**
 * Keeps the citation style the core formats with in step with `lectern.citation.style` and
 * `lectern.citation.locale`. The bundled APA 7th and en-US (`media/csl/`) are read at start-up, so
 * hovers and note templates can format references at once; a workspace `.csl` or locale file is
 * read with `vscode.workspace.fs`, checked, and re-read when it or the settings change. Problems go
 * to the Problems panel (file and line) and a `Lectern:` message; the bundled style stays in use.
 */
export class CitationStyleService implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lectern-citation');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly bundled: { bundledStyle: string; bundledLocale: string };
  private readonly bundledStyle: CitationStyle;
  private current: CitationStyle;
  private watcher: vscode.FileSystemWatcher | undefined;
  private generation = 0;
  /** The folder and settings the current style was read for (`settingsKey`). */
  private readSettings: string | undefined;

  constructor() {
    const folder = join(extensionFolder(), 'media', 'csl');
    this.bundled = {
      bundledStyle: readFileSync(join(folder, 'apa.csl'), 'utf8'),
      bundledLocale: readFileSync(join(folder, 'locales-en-US.xml'), 'utf8'),
    };
    this.bundledStyle = resolveCitationStyle(this.bundled).style;
    this.current = this.bundledStyle;
    useCitationStyle(this.current);
    this.disposables.push(
      onDidChangeSettings(['lectern.citation.style', 'lectern.citation.locale'], () => void this.reload()),
      // In a multi-root workspace each folder may name its own style: the active editor's folder decides.
      vscode.window.onDidChangeActiveTextEditor(() => {
        if (settingsKey(activeFolder()) !== this.readSettings) void this.reload();
      }),
      {
        dispose: () => {
          this.watcher?.dispose();
        },
      },
    );
    void this.reload();
  }

  /** The style Copy Citation and the core use now. */
  get style(): CitationStyle {
    return this.current;
  }

  /** Goes back to the bundled APA 7th after the current style failed while formatting. */
  fallBack(problem: string): void {
    if (this.current === this.bundledStyle) return;
    this.use(this.bundledStyle);
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} Using APA 7th edition meanwhile.', problem));
  }

  /**
   * Reads the settings of the active editor's workspace folder (else the first folder's) and the
   * files they name, then uses the style (or the bundled one, with messages).
   */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    const folder = activeFolder();
    this.readSettings = settingsKey(folder);
    const settings = settingsFor(folder);
    const styleSetting = settings.citationStyle;
    const localeSetting = settings.citationLocale;
    const styleUri = styleSetting && styleSetting.toLowerCase() !== 'apa' ? workspaceUri(styleSetting, folder) : undefined;
    const localeUri = /[/\\]|\.xml$/i.test(localeSetting) ? workspaceUri(localeSetting, folder) : undefined;
    const [style, locale] = await Promise.all([styleUri && readCitationFile(styleUri), localeUri && readCitationFile(localeUri)]);
    if (generation !== this.generation) return;
    const resolved = resolveCitationStyle({ ...this.bundled, style, locale: locale ?? localeSetting });
    this.watch([styleUri, localeUri].filter((uri): uri is vscode.Uri => uri !== undefined));
    this.publish(resolved.diagnostics, [styleUri, localeUri]);
    for (const message of [...resolved.diagnostics.map((d) => d.message), ...resolved.notices])
      void vscode.window.showWarningMessage(message);
    this.use(resolved.style);
    if (styleUri || localeUri) {
      // Building the engine takes most of a second: off the activation path, but before the first citation.
      setTimeout(() => {
        const problem = generation === this.generation ? warmUpStyle(resolved.style) : undefined;
        if (problem) this.fallBack(problem);
      }, 500);
    }
  }

  private use(style: CitationStyle): void {
    this.current = style;
    useCitationStyle(style);
  }

  private publish(diagnostics: Diagnostic[], uris: Array<vscode.Uri | undefined>): void {
    this.collection.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const d of diagnostics) {
      const position = new vscode.Position(Math.max(0, d.line - 1), Math.max(0, d.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), d.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Lectern';
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), diagnostic]);
    }
    for (const uri of uris) {
      const found = uri && byFile.get(uri.fsPath);
      if (uri && found) this.collection.set(uri, found);
    }
  }

  private watch(uris: vscode.Uri[]): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (uris.length === 0) return;
    const pattern = uris.length === 1 ? uris[0].fsPath : `{${uris.map((uri) => uri.fsPath).join(',')}}`;
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const reload = () => void this.reload();
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A setting's path: absolute, or relative to the workspace folder whose setting it is. */
function workspaceUri(path: string, folder: vscode.WorkspaceFolder | undefined): vscode.Uri {
  if (/^([a-zA-Z]:)?[/\\]/.test(path) || !folder) return vscode.Uri.file(path);
  return vscode.Uri.joinPath(folder.uri, path);
}

/**
 * What decides the style: the folder's style and locale settings, and the folder itself when they
 * name files (relative to it). Moving to a folder with the same bundled style reads nothing again.
 */
function settingsKey(folder: vscode.WorkspaceFolder | undefined): string {
  const { citationStyle, citationLocale } = settingsFor(folder);
  const namesFiles = citationStyle.toLowerCase() !== 'apa' || /[/\\]|\.xml$/i.test(citationLocale);
  return JSON.stringify([citationStyle, citationLocale, namesFiles ? folder?.uri.toString() : undefined]);
}

async function readCitationFile(uri: vscode.Uri): Promise<CitationFile> {
  try {
    return { file: uri.fsPath, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    const notFound = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
    return { file: uri.fsPath, readError: notFound ? vscode.l10n.t('no such file') : String(error) };
  }
}

/** The extension's folder (the bundle runs from its `dist/`). */
function extensionFolder(): string {
  return vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri.fsPath ?? join(__dirname, '..');
}
