// Writes l10n/bundle.l10n.json, the English bundle of every `l10n.t('…')` message in src/: `vscode.l10n.t` in the
// extension, `l10n.t` of @vscode/l10n in core and the CLI (translators copy it to bundle.l10n.<locale>.json). Run it after adding or changing a message;
// test/unit/l10n-bundle.test.ts fails while the bundle is out of date.
// Usage: node scripts/l10n-bundle.mjs
import ts from 'typescript';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const bundlePath = join(root, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every `l10n.t(...)` message in src/, in order of first use, and the calls whose message is not a
 * plain string literal (`file:line`): a message must be a literal so it can be looked up in a bundle.
 */
export function l10nMessages(files = ['src', 'webview'].flatMap((dir) => sourceFiles(join(root, dir)))) {
  const messages = new Set();
  const notLiteral = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('l10n.t(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText(source))) {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.add(first.text);
        else notLiteral.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages: [...messages], notLiteral };
}

/**
 * Messages written without `l10n.t` in core and the CLI (`file:line`): string or template literals that start with
 * `Lectern:` anywhere but as an `l10n.t` message. They would stay English in every translation.
 */
export function untranslatedMessages(dirs = ['core', 'cli'].map((dir) => join(root, 'src', dir))) {
  const found = [];
  for (const file of dirs.flatMap((dir) => sourceFiles(dir))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      const text = ts.isTemplateExpression(node) ? node.head.text : ts.isStringLiteralLike(node) ? node.text : undefined;
      const parent = node.parent;
      const asMessage =
        parent !== undefined &&
        ts.isCallExpression(parent) &&
        /(^|\.)l10n\.t$/.test(parent.expression.getText(source)) &&
        parent.arguments[0] === node;
      if (text?.startsWith('Lectern:') && !asMessage && parent !== undefined && !ts.isImportDeclaration(parent)) {
        found.push(`${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The bundle's text for `messages`: each message is its own English text, sorted for stable diffs. */
export function bundleText(messages) {
  const sorted = [...messages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(sorted.map((message) => [message, message])), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { messages, notLiteral } = l10nMessages();
  if (notLiteral.length > 0) {
    console.error(`l10n: these l10n.t calls need a string literal as their message:\n  ${notLiteral.join('\n  ')}`);
    process.exit(1);
  }
  mkdirSync(join(root, 'l10n'), { recursive: true });
  writeFileSync(bundlePath, bundleText(messages));
  console.log(`l10n: ${messages.length} messages in ${relative(root, bundlePath)}`);
}
