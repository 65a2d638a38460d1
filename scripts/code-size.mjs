// Lists source files over 500 lines and functions over 80 lines (src/, webview/; tests excluded).
// A long function may stay when the line before it says why: a comment containing "long:".
// Usage: node scripts/code-size.mjs [--json]
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export function measure(files = ['src', 'webview'].flatMap((dir) => sourceFiles(join(root, dir)))) {
  const findings = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines = text.split('\n').length;
    const name = relative(root, file);
    if (lines > MAX_FILE_LINES) findings.push({ file: name, lines, kind: 'file' });
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.end).line;
        const length = end - start + 1;
        const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
        const explained = comments.some((c) => /long:/.test(text.slice(c.pos, c.end)));
        if (length > MAX_FUNCTION_LINES && !explained) {
          const fnName = node.name?.getText() ?? ts.getNameOfDeclaration?.(node.parent)?.getText?.() ?? '(anonymous)';
          findings.push({ file: name, line: start + 1, lines: length, kind: 'function', name: fnName });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

if (process.argv[1] && process.argv[1].endsWith('code-size.mjs')) {
  const findings = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(findings, null, 2));
  else
    for (const f of findings)
      console.log(f.kind === 'file' ? `${f.file}: ${f.lines} lines` : `${f.file}:${f.line} ${f.name}: ${f.lines} lines`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}
