import * as l10n from '@vscode/l10n';

/** Rephrases the parser's messages for people: "Unterminated brace-value" → "a `{` is never closed". */
export function translateParserError(message: string): string {
  const core = message.replace(/ at line \d+, column .*/, ''); // `message` is one line; a number always follows `column`
  if (/^Unterminated brace-value/.test(core)) return l10n.t('a `{` is never closed');
  if (/^Unterminated quote-value/.test(core)) return l10n.t('a `"` is never closed');
  if (/^Unclosed math section/.test(core)) return l10n.t('a `$` math section is never closed');
  if (/^Runaway key/.test(core)) return l10n.t('the entry ends in the middle of a name');
  const eq = /^(\S+) = value expected, equals sign missing/.exec(core);
  if (eq) return l10n.t('field `{0}` has no `=`', eq[1]);
  const mismatch = /^Token mismatch, expected (.+?), found (".*?")/.exec(core);
  if (mismatch) return l10n.t('expected {0} but found {1}', mismatch[1], mismatch[2]);
  return core;
}
