import { readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
}

function processTable(): ProcessInfo[] {
  const table: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue; // Dead, waiting to be reaped: nothing left to stop.
      table.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid) });
    } catch {
      // The process ended while we were reading.
    }
  }
  return table;
}

/** `root`'s process group plus all its descendants (some children start their own group). */
export function processTree(root: number): number[] {
  const table = processTable();
  const found = new Set<number>();
  for (const p of table) if (p.pid === root || p.pgid === root) found.add(p.pid);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signalAll(root: number, pids: Iterable<number>, signal: NodeJS.Signals): void {
  try {
    process.kill(-root, signal);
  } catch {
    // The group is already empty.
  }
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Sends `signal` to the process group led by `root` and to every descendant. Synchronous, for exit handlers. */
export function killProcessTree(root: number, signal: NodeJS.Signals): void {
  signalAll(root, processTree(root), signal);
}

/** SIGTERM, then SIGKILL after `graceMs` for whatever is left; resolves once nothing of the tree remains. */
export async function stopProcessTree(root: number, graceMs = 5000): Promise<void> {
  // Remember the tree first: once a parent dies its children are re-parented and lose the link.
  const tree = new Set(processTree(root));
  const remaining = () => {
    const alive = new Set(processTree(root));
    for (const p of processTable()) if (tree.has(p.pid)) alive.add(p.pid);
    return alive;
  };
  signalAll(root, tree, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (remaining().size > 0) {
    if (Date.now() > deadline) {
      signalAll(root, remaining(), 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
