import { decideLink } from '../../../shared/protocol';

/** What the host does with a link the webview asks it to open. */
export type OpenLinkAction =
  { kind: 'openExternal'; url: string } | { kind: 'openPaper'; paperId: string } | { kind: 'refuse'; warning: string };

/**
 * The host's own check of an `openExternal` request: the webview already applied `decideLink`, but a
 * compromised or buggy webview could send anything, so the host decides again before opening it.
 * Only http(s) and mailto URLs are opened outside; `lectern:paper/<id>` opens that paper; anything
 * else (`javascript:`, `file:`, `command:`, `vscode:`, `data:`, credentials in the URL) is refused
 * with the warning to log.
 */
export function decideOpenLink(url: string): OpenLinkAction {
  const decision = decideLink(url);
  switch (decision.kind) {
    case 'external':
      return { kind: 'openExternal', url: decision.url };
    case 'paper':
      return { kind: 'openPaper', paperId: decision.paperId };
    case 'refused':
      return { kind: 'refuse', warning: `Reader: refused to open ${JSON.stringify(url.slice(0, 200))}: ${decision.reason}.` };
  }
}
