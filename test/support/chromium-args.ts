/**
 * Flags for Debian's Chromium, headless, on machines with no network but the package registries:
 * without the background-networking, component-update and sync flags Chromium keeps trying hosts it
 * cannot reach. Used by the reader's browser tests and the end-to-end harness alike.
 */
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
