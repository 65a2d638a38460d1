/** Rephrases the parser's messages for people: "Unterminated brace-value" → "a `{` is never closed". */
export function translateParserError(message: string): string {
  const core = message.replace(/ at line \d+, column .*/, ''); // `message` is one line; a number always follows `column`
  if (/^Unterminated brace-value/.test(core)) return 'a `{` is never closed';
  if (/^Unterminated quote-value/.test(core)) return 'a `"` is never closed';
  if (/^Unclosed math section/.test(core)) return 'a `$` math section is never closed';
  if (/^Runaway key/.test(core)) return 'the entry ends in the middle of a name';
  const eq = /^(\S+) = value expected, equals sign missing/.exec(core);
  if (eq) return `field \`${eq[1]}\` has no \`=\``;
  const mismatch = /^Token mismatch, expected (.+?), found (".*?")/.exec(core);
  if (mismatch) return `expected ${mismatch[1]} but found ${mismatch[2]}`;
  return core;
}
