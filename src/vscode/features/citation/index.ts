import * as vscode from 'vscode';
import { formatCitation, type CitationFormat } from '../../../core/cite/format-citation';
import type { CitationMarkup } from '../../../core/cite/csl-engine';
import type { Paper } from '../../../core/model/paper';
import type { LibraryService } from '../../library/library-service';
import { paperIdFrom } from '../shared/paper-id-from';
import type { PaperPicker } from '../shared/paper-picker';
import { CitationStyleService } from './citation-style-service';

export interface CitationDeps {
  library: Pick<LibraryService, 'ensureLoaded'>;
  picker: PaperPicker;
  /** The paper the reader shows, if any: the command's default. */
  activePaperId: () => string | undefined;
}

interface CitationChoice {
  label: string;
  format: CitationFormat;
  markup?: CitationMarkup;
  /** The command that copies this choice directly (context menu); absent when only the picker offers it. */
  command?: string;
}

const REFERENCE_TEXT: CitationChoice = { label: vscode.l10n.t('Reference'), format: 'apa', markup: 'text' };
const REFERENCE_MARKDOWN: CitationChoice = {
  label: vscode.l10n.t('Reference (markdown, with emphasis)'),
  format: 'apa',
  markup: 'markdown',
};
const OTHER_CHOICES: CitationChoice[] = [
  { label: vscode.l10n.t('In-text citation'), format: 'in-text', markup: 'text', command: 'lectern.copyCitationInText' },
  { label: 'BibTeX', format: 'bibtex', command: 'lectern.copyCitationBibtex' },
  { label: 'CSL-JSON', format: 'csl-json', command: 'lectern.copyCitationCslJson' },
  { label: vscode.l10n.t('Markdown link'), format: 'markdown', command: 'lectern.copyCitationMarkdown' },
];

/** Where the citation will most likely be pasted is the active editor: markdown-like documents get emphasis. */
function pastesIntoMarkdown(): boolean {
  const document = vscode.window.activeTextEditor?.document;
  return Boolean(document && (['markdown', 'quarto', 'rmd'].includes(document.languageId) || /\.(md|qmd|rmd)$/i.test(document.fileName)));
}

/** The references first, the one for the paste target on top. */
function choicesInOrder(): CitationChoice[] {
  const references = pastesIntoMarkdown() ? [REFERENCE_MARKDOWN, REFERENCE_TEXT] : [REFERENCE_TEXT, REFERENCE_MARKDOWN];
  return [...references, ...OTHER_CHOICES];
}

/**
 * Copy Citation (asks for the format: the formatted reference in the citation style, as plain text
 * and as markdown with emphasis; the in-text citation; BibTeX; CSL-JSON; a markdown link) and one
 * command per format for the context menu. "Copy Citation as Reference" copies markdown when the
 * active editor is a markdown, Quarto or R Markdown document, else plain text.
 */
export function registerCitation({ library, picker, activePaperId }: CitationDeps): vscode.Disposable[] {
  const styles = new CitationStyleService();
  const format = (paper: Paper, choice: CitationChoice): string => {
    try {
      return formatCitation(paper, choice.format, { style: styles.style, markup: choice.markup });
    } catch (error) {
      // A workspace style citeproc-js cannot build: say so once, and cite with the bundled APA.
      styles.fallBack(error instanceof Error ? error.message : String(error));
      return formatCitation(paper, choice.format, { style: styles.style, markup: choice.markup });
    }
  };
  const copy = async (arg: unknown, given?: CitationChoice) => {
    const id = paperIdFrom(arg) ?? activePaperId() ?? (await picker.pick({ title: vscode.l10n.t('Lectern: Copy Citation') }));
    if (!id) return;
    const paper = (await library.ensureLoaded()).resolve(id); // an id or a citekey
    if (!paper) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lectern: no paper has the id or citekey "{0}".', id));
      return;
    }
    const choice = given ?? (await pickChoice(paper, styles, format));
    if (!choice) return;
    await vscode.env.clipboard.writeText(format(paper, choice));
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied {0} for "{1}"', labelOf(choice, styles), paper.title), 3000);
  };
  return [
    styles,
    vscode.commands.registerCommand('lectern.copyCitation', (arg?: unknown) => copy(arg)),
    vscode.commands.registerCommand('lectern.copyCitationApa', (arg?: unknown) =>
      copy(arg, pastesIntoMarkdown() ? REFERENCE_MARKDOWN : REFERENCE_TEXT),
    ),
    ...OTHER_CHOICES.map((choice) => vscode.commands.registerCommand(choice.command!, (arg?: unknown) => copy(arg, choice))),
  ];
}

function labelOf(choice: CitationChoice, styles: CitationStyleService): string {
  return choice.format === 'apa' ? `${choice.label} (${styles.style.title})` : choice.label;
}

async function pickChoice(
  paper: Paper,
  styles: CitationStyleService,
  format: (paper: Paper, choice: CitationChoice) => string,
): Promise<CitationChoice | undefined> {
  const items = choicesInOrder().map((choice) => ({
    label: choice.label,
    description: choice.format === 'apa' || choice.format === 'in-text' ? styles.style.title : undefined,
    detail: format(paper, choice).split('\n')[0],
    choice,
  }));
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy Citation: {0}', paper.title) }))?.choice;
}
