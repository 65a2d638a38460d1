// A safety net so that nothing the harness starts outlives it: each registered function
// runs synchronously when this process exits, including on Ctrl-C (SIGINT), SIGTERM and
// SIGHUP. Normal shutdown still goes through each resource's own async stop()/close().

const handlers = new Set<() => void>();
let installed = false;

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

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [signal, exitCode] of Object.entries(signals)) {
    process.once(signal, () => {
      console.error(`\ne2e: ${signal} received, stopping everything`);
      runAll();
      process.exit(exitCode);
    });
  }
}

/** Runs `handler` (synchronously) when the process exits; returns a function that unregisters it. */
export function onExit(handler: () => void): () => void {
  install();
  handlers.add(handler);
  return () => handlers.delete(handler);
}
