import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completionScript, type CompletionShell } from '../../src/cli/completion-script';
import type { CommandTable } from '../../src/cli/command-table';
import { lecternCommands } from '../../src/cli/lectern-commands';
import { repoRoot } from '../support/shared-corpora';

// `lectern completion SHELL` is checked in the shells themselves: each script is loaded and asked to
// complete a few command lines, in a folder holding `refs.bib`. A shell that is not installed skips.
const cli = join(repoRoot, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'lectern-completion-'));
writeFileSync(join(work, 'refs.bib'), '');

function script(shell: CompletionShell): string {
  const result = spawnSync(process.execPath, [cli, 'completion', shell], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout;
}

function installed(shell: string): string | false {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0 ? false : `${shell} is not installed`;
}

/** What each shell offers for these command lines (the cursor at the end). */
const CASES: Array<[string, string[]]> = [
  ['lectern se', ['search']],
  ['lectern --form', ['--format']],
  ['lectern --format ', ['apa', 'bibtex', 'csl-json', 'in-text', 'markdown']],
  ['lectern import re', ['refs.bib']],
  ['lectern --corpus refs.bib sh', ['show']],
  ['lectern completion ', ['bash', 'fish', 'zsh']],
];

test('bash: commands, options, option values and file arguments complete', { skip: installed('bash') }, () => {
  const file = join(work, 'lectern.bash');
  writeFileSync(file, script('bash'));
  for (const [line, expected] of CASES) {
    const words = line.split(' ');
    const program = `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _lectern; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['-c', program, 'bash', file], { cwd: work, encoding: 'utf8' });
    assert.equal(result.stderr, '', line);
    assert.deepEqual(result.stdout.split('\n').filter(Boolean).sort(), expected, line);
  }
  const registered = spawnSync('bash', ['-c', 'source "$1"; complete -p lectern', 'bash', file], { encoding: 'utf8' });
  assert.equal(registered.stdout.trim(), 'complete -o filenames -F _lectern lectern');
});

test('fish: the same lines complete the same way', { skip: installed('fish') }, () => {
  const file = join(work, 'lectern.fish');
  writeFileSync(file, script('fish'));
  for (const [line, expected] of CASES) {
    const result = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], { cwd: work, encoding: 'utf8' });
    assert.equal(result.stderr, '', line);
    const offered = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]);
    assert.deepEqual(offered.sort(), expected, line);
  }
});

/** Runs zsh's real completion in a pseudo-terminal (zsh/zpty) and records every word it would offer. */
const ZSH_CAPTURE = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; autoload -U compinit; compinit -u -d $2/zcompdump; source $3"
zpty -w z 'compadd () { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi; typeset -a hits; builtin compadd -A hits "$@"; local w; for w in $hits; do print -r -- "OFFER<$w>"; done; }'
# Keys typed while a command runs may be discarded: wait for the shell to be idle before each step.
zpty -w z "print REA''DY"
zpty -r z ready '*READY*'
sleep 0.3
zpty -w -n z "$1"$'\\t'
# Keys are handled in order: the marker prints only once the completion has run.
zpty -w z $'\\C-u'"print MARK''ER"
zpty -r z out '*MARKER*'
print -r -- "$out" | grep -ao 'OFFER<[^>]*>' | sort -u
zpty -d z
`;

test('zsh: the same lines complete the same way, through _arguments and compdef', { skip: installed('zsh') }, () => {
  const file = join(work, '_lectern');
  writeFileSync(file, script('zsh'));
  assert.equal(spawnSync('zsh', ['-n', file]).status, 0, 'the script parses');
  const capture = join(work, 'capture.zsh');
  writeFileSync(capture, ZSH_CAPTURE);
  for (const [line, expected] of CASES) {
    const result = spawnSync('zsh', ['-f', capture, line, work, file], { cwd: work, encoding: 'utf8', timeout: 30_000 });
    const offered = [...result.stdout.matchAll(/OFFER<([^>]*)>/g)].map((m) => m[1]).filter((w) => !w.includes('$'));
    assert.deepEqual(offered.sort(), expected, `${line}: ${result.stdout}${result.stderr}`);
  }
});

test('the scripts come from the command table: a new command and its arguments complete in every shell', () => {
  const table: CommandTable = {
    ...lecternCommands(),
    commands: [
      ...lecternCommands().commands,
      {
        name: 'frobnicate',
        usage: 'once|twice',
        help: 'a command added later',
        run: () => Promise.resolve(0),
        completes: ['once', 'twice'],
      },
    ],
    options: [...lecternCommands().options, { name: 'widget', type: 'string', value: 'FILE', completes: 'file', help: 'a new option' }],
  };
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    const text = completionScript(shell, table);
    for (const word of ['frobnicate', 'once', 'twice', 'widget']) assert.ok(text.includes(word), `${shell} script names ${word}`);
    for (const command of lecternCommands().commands) assert.ok(text.includes(command.name), `${shell}: ${command.name}`);
  }
});
