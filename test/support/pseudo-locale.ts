import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageBundle } from '../../src/core/l10n/message-bundle';
import { repoRoot } from './shared-corpora';

/**
 * A pseudo-translation of Lectern's English bundle (l10n/bundle.l10n.json), made here rather than kept in the repo:
 * each message upper-cased and wrapped in ⟪ ⟫, its `{0}` placeholders kept. A translated message is recognisable at
 * a glance, and {@link fromPseudo} of it must give back the English message upper-cased: every argument (file names,
 * lines, values, in their own case) is still there.
 */
export function pseudoBundle(): MessageBundle {
  const english = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as MessageBundle;
  return Object.fromEntries(Object.keys(english).map((message) => [message, `⟪${message.toUpperCase()}⟫`]));
}

/** A pseudo-translated message without its ⟪ ⟫ marks, upper-cased: equal to the English message upper-cased. */
export function fromPseudo(message: string): string {
  return message.replace(/[⟪⟫]/g, '').toUpperCase();
}
