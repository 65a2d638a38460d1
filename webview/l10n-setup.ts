import * as l10n from '@vscode/l10n';

/**
 * The reader's translation: the host embeds VS Code's bundle for the display language (see `readerHtml`'s
 * `messages`) as JSON in `#lectern-messages`, and this module hands it to `l10n.config`. It is main.ts's first
 * import, so it runs before any other module evaluates a message. An absent or unreadable block leaves English.
 */
function configureL10n(doc: Document = document): void {
  const block = doc.getElementById('lectern-messages');
  if (!block?.textContent) return;
  try {
    const parsed: unknown = JSON.parse(block.textContent);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    const contents: Record<string, string> = {};
    for (const [message, translation] of Object.entries(parsed)) {
      const text = typeof translation === 'string' ? translation : (translation as { message?: unknown } | null)?.message;
      if (typeof text === 'string' && text !== '') contents[message] = text;
    }
    l10n.config({ contents });
  } catch (error) {
    console.error('Lectern: the reader’s translation could not be read; it is shown in English.', error);
  }
}

configureL10n();
