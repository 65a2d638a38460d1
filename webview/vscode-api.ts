import type { ReaderState, WebviewToHostMessage } from '../src/shared/protocol';

/** The part of VS Code's webview API the reader uses (`acquireVsCodeApi()`, callable once per page). */
export interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: ReaderState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Acquires the API; outside VS Code (a plain browser page) there is none, and that is a bug. */
export function vscodeApi(): VsCodeApi {
  if (typeof acquireVsCodeApi !== 'function') throw new Error('Lectern: the reader runs only inside a VS Code webview.');
  return acquireVsCodeApi();
}
