import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { killProcessTree } from './process-tree';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Tidies `.e2e/` before a run. A `run-<stamp>-<pid>/` folder whose runner (`<pid>`) is gone is
 * stale: if its code-server still runs (the runner was killed with SIGKILL) it is stopped, and
 * all but the newest `keep` stale folders are deleted (failed runs are kept for their logs).
 */
export function cleanStaleRuns(e2eDir: string, keep = 3): void {
  const stale = (existsSync(e2eDir) ? readdirSync(e2eDir) : [])
    .filter((name) => /^run-\d+-\d+$/.test(name) && !isAlive(Number(name.split('-')[2])))
    .sort();
  for (const name of stale) {
    const runDir = join(e2eDir, name);
    const pid = Number(existsSync(join(runDir, 'code-server.pid')) ? readFileSync(join(runDir, 'code-server.pid'), 'utf8') : NaN);
    // Only if that pid is still this run's code-server (its command line names the run folder).
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      // Not running (or no pid file).
    }
    if (cmdline.includes(runDir)) {
      console.log(`e2e: stopping code-server ${pid} left over from ${name}`);
      killProcessTree(pid, 'SIGKILL');
    }
  }
  for (const name of stale.slice(0, Math.max(0, stale.length - keep))) rmSync(join(e2eDir, name), { recursive: true, force: true });
}
