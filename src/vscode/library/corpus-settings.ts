import * as vscode from 'vscode';

/** Lectern's settings that decide which files form the corpus. */
export interface CorpusSettings {
  globs: string[];
  exclude: string[];
  includeSample: boolean;
  /** Globs the user set themselves (not the defaults): only these are worth a "matched nothing" warning. */
  userGlobs: string[];
}

export function readCorpusSettings(): CorpusSettings {
  const config = vscode.workspace.getConfiguration('lectern');
  const inspected = config.inspect<string[]>('corpus');
  const userGlobs = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue ?? [];
  return {
    globs: config.get<string[]>('corpus', []).filter((g) => typeof g === 'string' && g.trim() !== ''),
    exclude: config.get<string[]>('corpusExclude', []),
    includeSample: config.get<boolean>('includeSampleCorpus', true),
    userGlobs,
  };
}

/** One glob for `findFiles`' exclude argument. */
export function excludePattern(exclude: string[]): string | undefined {
  if (exclude.length === 0) return undefined;
  return exclude.length === 1 ? exclude[0] : `{${exclude.join(',')}}`;
}
