import { assertNever, decideLink, type WebviewToHostMessage } from '../src/shared/protocol';

/**
 * One delegated handler for every link in the page: no click (left, middle, keyboard Enter)
 * ever navigates the webview. Each is cancelled and decided by `decideLink`: http(s)/mailto go
 * to the host's `openExternal`, `lectern:paper/<id>` to `openPaper`, anything else nowhere.
 */
export function interceptLinks(target: Document, post: (message: WebviewToHostMessage) => void): void {
  const onClick = (event: MouseEvent) => {
    const anchor = event.target instanceof Element ? event.target.closest('a, area') : null;
    if (!anchor) return;
    event.preventDefault();
    if ((event.type === 'click' && event.button !== 0) || (event.type === 'auxclick' && event.button !== 1)) return;
    const href = anchor.getAttribute('href') ?? anchor.getAttribute('xlink:href');
    if (!href) return;
    const decision = decideLink(href);
    switch (decision.kind) {
      case 'external':
        post({ type: 'openExternal', url: decision.url });
        break;
      case 'paper':
        post({ type: 'openPaper', paperId: decision.paperId });
        break;
      case 'refused':
        break;
      default:
        assertNever(decision);
    }
  };
  target.addEventListener('click', onClick, true);
  target.addEventListener('auxclick', onClick, true);
  // Nothing in the reader submits or drags a link anywhere either.
  target.addEventListener('submit', (event) => event.preventDefault(), true);
  target.addEventListener(
    'dragstart',
    (event) => {
      if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
    },
    true,
  );
}
