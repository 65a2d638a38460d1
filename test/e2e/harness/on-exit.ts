// A safety net so that nothing the harness starts outlives it: each registered function
// runs synchronously when this process exits, including on Ctrl-C (SIGINT), SIGTERM and
// SIGHUP. Normal shutdown still goes through each resource's own async stop()/close().

const handlers = new Set<() => void>();
const signalHandlers = new Set<(signal: NodeJS.Signals) => Promise<void>>();
let installed = false;
let label = 'e2e';

function runAll(): void {
  for (const handler of [...handlers]) {
    handlers.delete(handler);
    try {
      handler();
    } catch {
      // Best effort: keep going so the other resources are released too.
    }
  }
}

/** Awaits the onSignal handlers, at most `graceMs` in all. */
async function runSignalHandlers(signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const work = Promise.allSettled([...signalHandlers].map((handler) => handler(signal)));
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  let stopping = false;
  for (const [signal, exitCode] of Object.entries(signals) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      // Once only: a terminal's Ctrl-C reaches this process twice under `npm run` (npm forwards it).
      if (stopping) return;
      stopping = true;
      console.error(`\n${label}: ${signal} received, stopping everything`);
      void runSignalHandlers(signal).finally(() => {
        runAll();
        process.exit(exitCode);
      });
    });
  }
}

/** Runs `handler` (synchronously) when the process exits; returns a function that unregisters it. */
export function onExit(handler: () => void): () => void {
  install();
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/**
 * Runs `handler` (awaited, 15 s at most) when SIGINT, SIGTERM or SIGHUP arrives, before the
 * onExit handlers and the exit; e.g. a graceful stop. It may call process.exit itself (then the
 * onExit handlers still run). Returns a function that unregisters it.
 */
export function onSignal(handler: (signal: NodeJS.Signals) => Promise<void>): () => void {
  install();
  signalHandlers.add(handler);
  return () => signalHandlers.delete(handler);
}

/** The prefix of the line printed when a signal arrives (default `e2e`). */
export function setExitLabel(text: string): void {
  label = text;
}
