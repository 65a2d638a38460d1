import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { useMessageBundle, type MessageBundle } from '../core/l10n/message-bundle';
import { locatePackageFile } from './package-files';

/**
 * The locale the CLI speaks, as other command-line tools choose it: `LECTERN_LOCALE`, then `LC_ALL`,
 * `LC_MESSAGES` and `LANG`; undefined for English (`C`, `POSIX` or nothing set).
 * @example cliLocale({ LANG: 'de_DE.UTF-8' }) // 'de-de'
 */
export function cliLocale(env: NodeJS.ProcessEnv): string | undefined {
  const raw = [env.LECTERN_LOCALE, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  // `de_DE.UTF-8@euro` → `de-de`: VS Code's bundle names (bundle.l10n.de.json, bundle.l10n.pt-br.json).
  const locale = raw
    ?.replace(/[.@].*$/, '')
    .replace(/_/g, '-')
    .toLowerCase();
  return !locale || locale === 'c' || locale === 'posix' ? undefined : locale;
}

/**
 * The bundle files that could translate `locale`, most specific first (`pt-br`, then `pt`), in `LECTERN_L10N_DIR`
 * when set (a translator trying a translation) or in the `l10n/` folder shipped beside the CLI.
 */
function candidateBundles(locale: string, env: NodeJS.ProcessEnv): string[] {
  const names = [locale, ...(locale.includes('-') ? [locale.split('-')[0]] : [])].map((name) => `bundle.l10n.${name}.json`);
  const folder = env.LECTERN_L10N_DIR;
  if (folder) return names.map((name) => join(folder, name));
  return names.flatMap((name) => locatePackageFile(join('l10n', name)) ?? []);
}

/**
 * Shows core's and the CLI's messages in the user's locale (see {@link cliLocale}) when a bundle for it is
 * found; English otherwise. A bundle that cannot be read is reported on stderr and English is used.
 */
export function useCliLocale(env: NodeJS.ProcessEnv = process.env): void {
  const locale = cliLocale(env);
  const file = locale === undefined ? undefined : candidateBundles(locale, env).find((path) => existsSync(path));
  if (file === undefined) return;
  try {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) throw new Error('not a JSON object of messages');
    useMessageBundle(bundle as MessageBundle);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      l10n.t('Lectern: the translation {0} could not be read ({1}); messages are shown in English. Fix or remove it.', file, reason),
    );
  }
}
