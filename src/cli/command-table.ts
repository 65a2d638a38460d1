import * as l10n from '@vscode/l10n';
import type { Command } from './commands/command-context';

/**
 * What a command-line word completes to: `file` (files and folders), `folder`, a fixed list of values,
 * or nothing (`none`: free text such as a query or a number).
 */
export type Completion = 'file' | 'folder' | 'none' | readonly string[];

/** One `--option` of the CLI: parsed by `node:util` parseArgs, listed by `--help`, completed by the shell scripts. */
export interface CliOption {
  /** Long name without the dashes, e.g. `corpus`. */
  name: string;
  /** A one-letter alias, e.g. `h` for `-h`. */
  short?: string;
  /** `boolean` flags take no value; `string` options take the next word (named by `value` in the help). */
  type: 'boolean' | 'string';
  /** The value's name in the help, e.g. `PATH`. */
  value?: string;
  /** May be given more than once (`--corpus a --corpus b`). */
  multiple?: boolean;
  /** What the value completes to in a shell; default `none`. */
  completes?: Completion;
  /** Help text; `\n` starts a continuation line. The first line is the shell completion's description. */
  help: string;
}

/** One `lectern COMMAND`: its usage, its help line and how it runs. */
export interface CliCommand {
  name: string;
  /** What follows the name in the usage line, e.g. `"QUERY" [--limit N]`. */
  usage: string;
  /** Help text; `\n` starts a continuation line. */
  help: string;
  run: Command;
  /** What its arguments complete to (e.g. a file for `import`, subcommands such as `bash zsh fish`); default `none`. */
  completes?: Completion;
  /** The command reports every diagnostic itself, so the summary of unread files on stderr is not printed. */
  printsDiagnostics?: boolean;
}

/** The CLI's commands and options: the one table that usage, argument parsing and shell completion read. */
export interface CommandTable {
  summary: string;
  commands: readonly CliCommand[];
  options: readonly CliOption[];
}

/** The `options` argument of `node:util` parseArgs for the table's options. */
export function parseArgsOptions(table: CommandTable): Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> {
  return Object.fromEntries(
    table.options.map((option) => [
      option.name,
      { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) },
    ]),
  );
}

/** `lectern --help`: the usage line of every command and the help of every option, aligned. */
export function usageText(table: CommandTable): string {
  const commands = table.commands.map((command) => [`lectern ${command.name} ${command.usage}`.trimEnd(), command.help]);
  const options = table.options.map((option) => [
    [option.short ? `-${option.short}, ` : '', `--${option.name}`, option.value ? ` ${option.value}` : ''].join(''),
    option.help,
  ]);
  return `${table.summary}\n\n${l10n.t('Usage:')}\n${aligned(commands, 37)}\n\n${l10n.t('Options:')}\n${aligned(options, 20)}`;
}

/** Two columns, the second starting at `width` (on the next line when the first is too long for it). */
function aligned(rows: string[][], width: number): string {
  const indent = ' '.repeat(width + 2);
  return rows
    .map(([left, help]) => {
      const [first, ...rest] = help.split('\n');
      const head = left.length < width ? `  ${left.padEnd(width)}${first}` : `  ${left}\n${indent}${first}`;
      return [head, ...rest.map((line) => `${indent}${line}`)].join('\n');
    })
    .join('\n');
}
