/**
 * The reader webview's page: the extension host serves it, and the browser tests serve the very
 * same page, so both run under the same Content Security Policy. Pure code; imports nothing.
 */

export interface ReaderHtmlOptions {
  /** `webview.cspSource`: the origin the page may load its script, stylesheet and fonts from. */
  cspSource: string;
  /** A fresh random nonce per page (base64 or hex); only the script carrying it runs. */
  nonce: string;
  /** URI of `dist/webview/reader.js` (through `asWebviewUri`). */
  scriptUri: string;
  /** URI of `media/reader.css`. */
  styleUri: string;
  /**
   * The translated messages (`vscode.l10n.bundle`: English message → translation), handed to the page for
   * webview/l10n-setup.ts. Default: none, the page is English.
   */
  messages?: Record<string, string>;
  /** The display language (`vscode.env.language`, e.g. `de` or `pt-br`) for `<html lang>`. Default `en`. */
  language?: string;
}

/**
 * The reader's Content Security Policy: nothing inline, nothing remote. Lit (behind
 * `@vscode-elements/elements`) styles its shadow roots with constructable stylesheets, which
 * `style-src` does not govern, so neither `'unsafe-inline'` nor `'unsafe-eval'` is needed.
 * For PDFs, only two more: `connect-src` to the extension's own files (the page fetches pdf.js's worker
 * script from `dist/webview/`) and `worker-src blob:` (the worker runs from that script as a blob, since a
 * webview may not start a worker from its resource origin). PDF bytes arrive by message, never by URL.
 */
export function readerCsp(cspSource: string, nonce: string): string {
  return (
    [
      `default-src 'none'`,
      `img-src ${cspSource} data:`,
      `style-src ${cspSource}`,
      `font-src ${cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `connect-src ${cspSource}`,
      `worker-src blob:`,
    ].join('; ') + ';'
  );
}

/** The reader page: CSP, stylesheet, an empty `#app` and the nonce'd bundle that fills it. */
export function readerHtml(options: ReaderHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, messages, language = 'en' } = options;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce))
    throw new Error('Lectern: the reader page needs a random nonce of at least 16 base64 characters.');
  // One or more sources separated by spaces (code-server gives `'self' https://*.vscode-cdn.net`);
  // nothing that could end the directive or the attribute.
  if (!/^[^\s;,"]+( [^\s;,"]+)*$/.test(cspSource) || /'(unsafe-|nonce-|sha)/.test(cspSource))
    throw new Error(`Lectern: "${cspSource}" is not a valid webview cspSource.`);
  return `<!DOCTYPE html>
<html lang="${/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : 'en'}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(readerCsp(cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeAttribute(styleUri)}">
    <title>Lectern Reader</title>
  </head>
  <body>
    <div id="app" class="lectern-reader" aria-busy="true"></div>
    ${messagesBlock(messages, nonce)}
    <script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
  </body>
</html>
`;
}

/**
 * The messages as a JSON data block, read before the bundle runs. `<` is written `\u003c` (the same string to
 * JSON.parse), so no message can close the element; a data block does not run, so the CSP stays as it is.
 */
function messagesBlock(messages: Record<string, string> | undefined, nonce: string): string {
  const json = JSON.stringify(messages ?? {}).replace(/</g, '\\u003c');
  return `<script type="application/json" id="lectern-messages" nonce="${escapeAttribute(nonce)}">${json}</script>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
