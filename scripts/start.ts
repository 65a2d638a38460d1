// `npm start`: Lectern in a private VS Code (code-server) on 127.0.0.1, opened on a sample workspace.
//   npm run build && node --import tsx scripts/start.ts
// On a fresh machine it sets everything up itself: Debian packages and code-server into .e2e/
// (scripts/e2e/install-code-server.sh; as non-root it stops with the apt-get command to run),
// packages the extension (.e2e/lectern.vsix), installs it into a fresh extensions folder, keeps the
// user data (settings) in .e2e/start/user-data/, and copies scripts/sample-workspace/ to
// .e2e/sample-workspace/ on the first start. Ctrl-C stops code-server and everything it started.
// Env: PORT (default 8080; the next free port is used when it is taken).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer } from '../test/e2e/harness/code-server';
import { onSignal, setExitLabel } from '../test/e2e/harness/on-exit';
import { packageExtension } from '../test/e2e/harness/package-extension';
import { paths } from '../test/e2e/harness/paths';

const root = paths.repoRoot;
const startDir = join(paths.e2eDir, 'start');
const template = join(root, 'scripts', 'sample-workspace');
const workspace = join(paths.e2eDir, 'sample-workspace');
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const fail = (message: string): never => {
  console.error(`Lectern: ${message}`);
  process.exit(1);
};

const requested = process.env.PORT ? Number(process.env.PORT) : 8080;
if (!Number.isInteger(requested) || requested < 1 || requested > 65535) fail(`PORT=${process.env.PORT} is not a port number.`);

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: string };
if (!manifest.main || !existsSync(resolve(root, manifest.main))) {
  fail(`${manifest.main ?? 'the extension'} is not built: run \`npm start\` (it builds first) or \`npm run build\`.`);
}

const started = Date.now();
console.log('Lectern: checking code-server and Chromium (the first start installs them: a few minutes)…');
const install = spawnSync('bash', [paths.installScript], { stdio: 'inherit' });
if (install.status !== 0)
  fail(
    `set-up stopped (${paths.installScript} exited ${install.status ?? install.signal}); do what it says above, then \`npm start\` again.`,
  );

const vsix = packageExtension(root, join(paths.e2eDir, 'lectern.vsix'));
console.log(`Lectern: packaged ${vsix}`);

if (!existsSync(workspace)) {
  cpSync(template, workspace, { recursive: true });
  console.log(`Lectern: created the sample workspace ${workspace} from ${template}`);
}

// A fresh extensions folder each start, so the newest .vsix is the one installed; user data
// (settings, UI state) is kept so that changes persist between starts.
rmSync(join(startDir, 'extensions'), { recursive: true, force: true });
setExitLabel('Lectern');
const server = await startCodeServer({
  runDir: startDir,
  extensions: [vsix],
  port: requested,
  keepUserSettings: true,
  // First start only: open the sample workspace's README, which says what to try.
  settings: { 'workbench.startupEditor': 'readme' },
});
let stopping = false;
onSignal(async () => {
  stopping = true;
  await server.stop();
  console.error('Lectern: code-server stopped.');
  process.exit(0); // Ctrl-C is the normal way to stop: no error from npm.
});

const folderQuery = encodeURIComponent(workspace).replace(/%2F/g, '/');
const url = `${server.url}/?folder=${folderQuery}`;
const rule = '─'.repeat(Math.min(process.stdout.columns || 80, Math.max(60, url.length + 4)));
if (server.port !== requested) console.log(`Lectern: port ${requested} is taken; using ${server.port}.`);
console.log(`
${rule}
  Lectern is running (ready in ${seconds(started)}). Open this in your browser:

    ${url}

  Lectern is in the activity bar on the left: the book-on-a-stand icon named Lectern.
  The workspace is ${workspace}
  (kept between starts; delete it for a fresh copy of ${template}).
  Settings are kept in ${join(startDir, 'user-data', 'User', 'settings.json')}.
  code-server log: ${server.logFile}

  Stop with Ctrl-C.
${rule}
`);

// code-server runs detached (its own process group) and unreferenced: keep this process alive with it.
const keepAlive = setInterval(() => undefined, 60_000);
const reason = await server.exited;
clearInterval(keepAlive);
if (!stopping) fail(`${reason} unexpectedly; see ${server.logFile}`);
