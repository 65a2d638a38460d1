/**
 * A throwaway PostgreSQL cluster for tests and `npm run bench:pg`: `initdb` into a temporary folder as an
 * unprivileged user (the `postgres` account when running as root, since the server refuses to run as root),
 * started with `pg_ctl` on a free port of 127.0.0.1, a database created, and everything stopped and deleted at
 * the end — also when the process exits early. No mocks: the tests talk to a real server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { skipUnlessCi } from './missing-prerequisite';

/**
 * A running cluster: connection strings for its database and a way to stop it. Connections from 127.0.0.1 are
 * trusted, except for members of the role `password_required`, who must give their password (scram-sha-256).
 */
export interface PostgresCluster {
  port: number;
  /** The database created for the test (`lectern`). */
  database: string;
  /** A connection string to `database` (or another one) as `user` (default: the superuser `postgres`). */
  url(options?: { user?: string; database?: string }): string;
  /** Stops the server and deletes its folder; safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data (a server going down mid-session); `resume` starts it again on the same port. */
  pause(): void;
  resume(): void;
}

/** Where `initdb` and `pg_ctl` are: `$LECTERN_PG_BINDIR`, else `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.LECTERN_PG_BINDIR) candidates.push(process.env.LECTERN_PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config is absent (only the client package, or no PostgreSQL at all): look in Debian's folder.
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  } catch {
    // No Debian PostgreSQL packages.
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * Why the PostgreSQL tests cannot run here (no server binaries), as a skip reason for `test(…, { skip })`, or
 * undefined when they can. Under `CI=true` a missing server throws instead: CI installs it (.ci/run).
 */
export function postgresSkipReason(): string | undefined {
  return skipUnlessCi(
    postgresBinDir()
      ? undefined
      : 'PostgreSQL server binaries (initdb, pg_ctl) are absent: install postgresql and postgresql-contrib, or set LECTERN_PG_BINDIR',
  );
}

/** Starts a fresh cluster with database `lectern`; `tuning` adds server settings (`-c name=value`). */
export async function startPostgresCluster(tuning: Record<string, string> = {}): Promise<PostgresCluster> {
  const server = serverFolder('lectern-pg-');
  try {
    server.run('initdb', ['-D', server.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
    // Members of `password_required` must give their password (tests of wrong passwords); everyone else is trusted.
    const hba = join(server.data, 'pg_hba.conf');
    writeFileSync(hba, `host all +password_required 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
    const port = await server.start(tuning);
    const url = clusterUrl(port);
    const admin = new pg.Client({ connectionString: url({ database: 'postgres' }) });
    await admin.connect();
    await admin.query('CREATE DATABASE lectern');
    await admin.query('CREATE ROLE password_required NOLOGIN');
    await admin.end();
    return { port, database: 'lectern', url, stop: server.stop, pause: server.pause, resume: server.resume };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** `url` of a cluster on `port`: as `user` (default the superuser `postgres`) to `database` (default `lectern`). */
export function clusterUrl(port: number): PostgresCluster['url'] {
  return ({ user = 'postgres', database = 'lectern' } = {}) =>
    `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * A temporary folder for one server: `data` (its data directory, not created yet), `run` (a server tool as the
 * unprivileged user), `start` (on a free port of 127.0.0.1, returning it), `pause`/`resume` (the server down and
 * up again, data kept) and `stop` (the server, then the folder; also at process exit; safe twice).
 */
export function serverFolder(prefix: string) {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresSkipReason() ?? 'Lectern: PostgreSQL binaries are absent.');
  // As root the server runs as `postgres`, which must reach the folder: a private TMPDIR (code-server's) would bar it.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), prefix));
  const data = join(dir, 'data');
  const asUser = serverUser(dir);
  const run = (tool: string, args: string[]) => {
    const [command, ...prefixArgs] = [...asUser, join(bin, tool)];
    const result = spawnSync(command, [...prefixArgs, ...args], { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopNow);
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // Already down: the folder still goes.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  const start = async (tuning: Record<string, string> = {}) => {
    const port = await freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      fsync: 'off',
      max_connections: '100',
      ...tuning,
    };
    const options = Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' ');
    startArgs = ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port} ${options}`, '-w', '-t', '60', 'start'];
    run('pg_ctl', startArgs);
    return port;
  };
  let startArgs: string[] = [];
  return {
    data,
    run,
    start,
    pause: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: () => run('pg_ctl', startArgs),
    stop: () => {
      stopNow();
      return Promise.resolve();
    },
  };
}

/** The command prefix that runs a server tool as an unprivileged user: `runuser -u postgres --` as root, nothing otherwise. */
function serverUser(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  chmodSync(dir, 0o700);
  return ['runuser', '-u', 'postgres', '--'];
}
