/**
 * Runs `callback` on a later turn of the event loop, after the messages already queued: `setImmediate` where Node
 * offers it, a zero-delay timer in a browser worker (VS Code for the Web), which has no `setImmediate`.
 */
export function nextTurn(callback: () => void): void {
  if (typeof setImmediate === 'function') setImmediate(callback);
  else setTimeout(callback, 0);
}
