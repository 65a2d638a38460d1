/**
 * The translations core messages are shown in. Core code writes every user-facing message as
 * `l10n.t('Lectern: … {0} …', value)` (`import * as l10n from '@vscode/l10n'`): a literal English message whose
 * file names, lines and values are numbered arguments, so `npm run l10n` collects it into l10n/bundle.l10n.json
 * and a translation is that file's values rewritten. `@vscode/l10n` runs in Node, worker threads and browsers
 * alike; each place core runs picks its bundle once, before reading anything: the extension host (VS Code's
 * bundle for its display language), the corpus worker (handed over by the host when it starts the worker) and
 * the CLI (`LECTERN_LOCALE`, then `LC_ALL`/`LC_MESSAGES`/`LANG`).
 */
import * as l10n from '@vscode/l10n';

/**
 * A translation: each English message (as written in the code, with its `{0}` placeholders) mapped to its
 * translation — the format of `l10n/bundle.l10n.<locale>.json` and of VS Code's `vscode.l10n.bundle`.
 * @example { "Lectern: {0} is empty; …": "Lectern : {0} est vide ; …" }
 */
export type MessageBundle = Record<string, string>;

let active: MessageBundle | undefined;

/**
 * Shows core messages from `bundle` from now on; `undefined` (no translation for the language) gives English.
 * Messages missing from the bundle stay English.
 */
export function useMessageBundle(bundle: MessageBundle | undefined): void {
  active = bundle;
  l10n.config({ contents: bundle ?? {} });
}

/** The bundle in use (undefined for English): what the host hands to the corpus worker it starts. */
export function messageBundle(): MessageBundle | undefined {
  return active;
}
