import type { CliOption, CommandTable, Completion } from './command-table';

/** The shells `lectern completion SHELL` writes a script for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/**
 * The completion script for `shell`, generated from the command table (commands, options, what each
 * option's value and each command's arguments complete to), so a new command or option completes
 * without editing three scripts by hand.
 */
export function completionScript(shell: CompletionShell, table: CommandTable): string {
  if (shell === 'bash') return bashScript(table);
  if (shell === 'zsh') return zshScript(table);
  return fishScript(table);
}

/** The first line of a help text, for a one-line completion description. */
function brief(help: string): string {
  return help
    .split('\n')[0]
    .trim()
    .replace(/[,;:]$/, '');
}

function isList(completes: Completion | undefined): completes is readonly string[] {
  return Array.isArray(completes);
}

function bashScript(table: CommandTable): string {
  const valued = table.options.filter((o) => o.type === 'string');
  const words = (names: string[]) => names.join(' ');
  const optionCases = valued.map((o) => `    ${optionWords(o).join('|')}) ${bashCompleteValue(o.completes)}; return ;;`);
  const commandCases = table.commands
    .filter((c) => c.completes && c.completes !== 'none')
    .map((c) => `    ${c.name}) ${bashCompleteValue(c.completes)} ;;`);
  return `# lectern completion for bash. Load it with: eval "$(lectern completion bash)"
# or save it as ~/.local/share/bash-completion/completions/lectern
_lectern() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
  case "$prev" in
${optionCases.join('\n')}
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${valued.flatMap(optionWords).join('|')}) ((i++)) ;;
      -*) ;;
      *) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${words(table.options.flatMap(optionWords))}" -- "$cur"))
  elif [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W "${words(table.commands.map((c) => c.name))}" -- "$cur"))
  else
    case "$command" in
${commandCases.join('\n')}
    esac
  fi
}
complete -o filenames -F _lectern lectern
`;
}

function optionWords(option: CliOption): string[] {
  return [`--${option.name}`, ...(option.short ? [`-${option.short}`] : [])];
}

function bashCompleteValue(completes: Completion | undefined): string {
  if (completes === 'file') return 'COMPREPLY=($(compgen -f -- "$cur"))';
  if (completes === 'folder') return 'COMPREPLY=($(compgen -d -- "$cur"))';
  if (isList(completes)) return `COMPREPLY=($(compgen -W "${completes.join(' ')}" -- "$cur"))`;
  return 'COMPREPLY=()';
}

function zshScript(table: CommandTable): string {
  const specs = table.options.map((o) => `    ${zshOptionSpec(o)}`);
  // _describe splits each entry at its first colon: the description may hold more.
  const commands = table.commands.map((c) => `    ${zshQuote(`${c.name}:${brief(c.help)}`)}`);
  const argumentCases = table.commands
    .filter((c) => c.completes && c.completes !== 'none')
    .map((c) => `        ${c.name}) ${zshCompleteValue(c.completes, c.name)} ;;`);
  return `#compdef lectern
# lectern completion for zsh. Load it with: eval "$(lectern completion zsh)" (after compinit),
# or save it as _lectern in a folder of your $fpath
_lectern() {
  local -a commands
  commands=(
${commands.join('\n')}
  )
  local curcontext="$curcontext" state line
  _arguments -s \\
${specs.join(' \\\n')} \\
    '1:command:->command' \\
    '*::argument:->argument'
  case "$state" in
    command) _describe -t commands 'lectern command' commands ;;
    argument)
      case "$words[1]" in
${argumentCases.join('\n')}
      esac
      ;;
  esac
}
if [[ "\${funcstack[1]}" == "_lectern" ]]; then
  _lectern "$@"
else
  compdef _lectern lectern
fi
`;
}

function zshOptionSpec(option: CliOption): string {
  const names = optionWords(option);
  const repeat = option.multiple ? '*' : '';
  const exclusive = names.length > 1 ? `(${names.join(' ')})` : '';
  const alternatives = names.length > 1 ? `{${names.join(',')}}` : names[0];
  const description = `[${zshText(brief(option.help))}]`;
  const value = option.type === 'string' ? `:${(option.value ?? 'value').toLowerCase()}:${zshValueAction(option.completes)}` : '';
  // `{-h,--help}` must stay outside the quotes for the shell to expand it.
  return names.length > 1
    ? `${zshQuote(exclusive)}${alternatives}${zshQuote(`${description}${value}`)}`
    : zshQuote(`${repeat}${alternatives}${description}${value}`);
}

function zshValueAction(completes: Completion | undefined): string {
  if (completes === 'file') return '_files';
  if (completes === 'folder') return '_files -/';
  if (isList(completes)) return `(${completes.join(' ')})`;
  return ' ';
}

function zshCompleteValue(completes: Completion | undefined, name: string): string {
  if (completes === 'file') return '_files';
  if (completes === 'folder') return '_files -/';
  if (isList(completes)) return `_values ${zshQuote(name)} ${completes.map(zshQuote).join(' ')}`;
  return ':';
}

/** Help text inside the brackets of a zsh `_arguments` spec: brackets and backslashes escaped. */
function zshText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

function zshQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function fishScript(table: CommandTable): string {
  const names = table.commands.map((c) => c.name).join(' ');
  const lines = [
    '# lectern completion for fish. Load it with: lectern completion fish | source',
    '# or save it as ~/.config/fish/completions/lectern.fish',
    'complete -c lectern -f',
    ...table.commands.map(
      (c) => `complete -c lectern -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d ${fishQuote(brief(c.help))}`,
    ),
    ...table.commands
      .filter((c) => c.completes && c.completes !== 'none')
      .map((c) => `complete -c lectern -n '__fish_seen_subcommand_from ${c.name}' ${fishCompleteValue(c.completes).replace('-r ', '')}`),
    ...table.options.map((o) => {
      const short = o.short ? ` -s ${o.short}` : '';
      const value = o.type === 'string' ? ` ${fishCompleteValue(o.completes)}` : '';
      return `complete -c lectern -l ${o.name}${short}${value} -d ${fishQuote(brief(o.help))}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

function fishCompleteValue(completes: Completion | undefined): string {
  if (completes === 'file' || completes === 'folder') return '-r -F';
  if (isList(completes)) return `-x -a ${fishQuote(completes.join(' '))}`;
  return '-x';
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
