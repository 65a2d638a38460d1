/**
 * Prefix that mocha-suite.ts puts on mocha's reporter lines in the extension host, so that
 * extension-host-tests.ts can tell the suite's output from the workbench's own logs (both
 * reach the page console through VS Code's log service as `%c INFO …`).
 */
export const hostOutputMarker = '[ext-host] ';
