/**
 * The reader webview in real Chromium, outside VS Code: a local server serves the very page the
 * host builds (`readerHtml`) with its CSP as a response header, plus the reader bundle (built in memory from the sources) and `media/`;
 * a fake `acquireVsCodeApi` (injected before any page script) records what the webview posts and
 * keeps its state. Every request, console error, dialog, navigation and CSP violation is recorded.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { HostToWebviewMessage, ReaderState, WebviewToHostMessage } from '../../src/shared/protocol';
import { readerCsp, readerHtml } from '../../src/shared/reader-html';
import { skipUnlessCi } from '../support/missing-prerequisite';
import { repoRoot } from '../support/shared-corpora';
import { HEADLESS_CHROMIUM_ARGS } from '../support/chromium-args';

export { repoRoot };

const chromiumPath = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, if they cannot (for `test(..., { skip })`); under `CI=true` it throws instead. */
export function browserSkipReason(): string | undefined {
  return skipUnlessCi(existsSync(chromiumPath) ? undefined : `no Chromium at ${chromiumPath} (set LECTERN_CHROMIUM to a Chromium binary)`);
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

/** What the fake VS Code API and the traps saw in the page. */
export interface PageRecord {
  posted: WebviewToHostMessage[];
  state: unknown;
  csp: CspViolation[];
  /** Payload hits: `alert:1`, `__pwned=1`, … */
  pwned: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.ttf': 'font/ttf',
};

/** Runs in the page before its own script (CDP injects it, so the CSP does not apply to it). */
function initScript(state: ReaderState | undefined): string {
  // Under `npm run mutate` the bundles are built from mutated sources; the page has no process.env, so the mutant to
  // activate is handed to Stryker's instrumented code through its global namespace.
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  return `(() => {${mutant ? `\n  window.__stryker__ = { activeMutant: ${JSON.stringify(mutant)} };` : ''}
  const record = { posted: [], state: ${JSON.stringify(state ?? null)} ?? undefined, csp: [], pwned: [] };
  Object.defineProperty(window, '__lectern', { value: record });
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => { record.posted.push(JSON.parse(JSON.stringify(message))); },
      getState: () => record.state,
      setState: (next) => { record.state = JSON.parse(JSON.stringify(next)); return next; },
    });
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => { record.pwned.push(name + ':' + String(args[0])); };
  }
  Object.defineProperty(window, '__pwned', {
    get: () => record.pwned.length,
    set: (value) => { record.pwned.push('__pwned=' + String(value)); },
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    record.csp.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample, source: event.sourceFile + ':' + event.lineNumber });
  });
})();`;
}

/** What the host hands the page for its language: `messages` as `vscode.l10n.bundle`, or raw text for the block. */
export interface PageTranslation {
  messages?: Record<string, string> | string;
  language?: string;
}

export class ReaderPage {
  /** Every URL the page requested, in order. */
  readonly requests: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly dialogs: string[] = [];
  /** Main-frame navigations after the reader loaded (there must be none). */
  readonly navigations: string[] = [];
  readonly popups: string[] = [];

  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {
    page.on('request', (request) => this.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.stack ?? error.message));
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('popup', (popup) => this.popups.push(popup.url()));
  }

  /** Evaluates a JavaScript expression in the page (strings: the test files are type-checked without the DOM lib). */
  evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(expression);
  }

  /** Delivers a host message as VS Code does (a `message` event) and waits until the reader handled it. */
  async send(message: HostToWebviewMessage | Record<string, unknown>): Promise<void> {
    await this.evaluate(`new Promise((resolve) => {
      document.addEventListener('lectern:rendered', () => resolve(), { once: true });
      window.postMessage(${JSON.stringify(message)}, '*');
    })`);
  }

  /** Delivers a message the reader may ignore (malformed); waits a little instead of for a render. */
  async sendIgnored(message: unknown): Promise<void> {
    await this.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
    await this.page.waitForTimeout(50);
  }

  record(): Promise<PageRecord> {
    return this.evaluate<PageRecord>('JSON.parse(JSON.stringify(window.__lectern))');
  }

  async posted(): Promise<WebviewToHostMessage[]> {
    return (await this.record()).posted;
  }

  /** Forgets the messages posted so far. */
  async clearPosted(): Promise<void> {
    await this.evaluate('void (window.__lectern.posted.length = 0)');
  }

  /**
   * Polls a JavaScript expression until it is truthy. (Playwright's `waitForFunction` with a string
   * compiles it inside the page, which the reader's CSP rightly forbids: no 'unsafe-eval'.)
   */
  async waitFor(expression: string, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`!!(${expression})`))) {
      if (Date.now() > deadline) throw new Error(`Lectern test: timed out waiting for ${expression}`);
      await this.page.waitForTimeout(20);
    }
  }

  /** Requests to anywhere but the local server. */
  foreignRequests(): string[] {
    return this.requests.filter((url) => !url.startsWith(`${this.origin}/`));
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

export class ReaderHarness {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly home: string,
    /** Paths the server was asked for. */
    readonly served: string[],
    /** The translations pages opened with `messages` are served with, by their `?l10n=` key. */
    private readonly translations: Map<string, PageTranslation>,
  ) {}

  static async start(): Promise<ReaderHarness> {
    const served: string[] = [];
    const translations = new Map<string, PageTranslation>();
    // Both bundles are built from the sources now, so the tests never run a stale dist/ after a webview edit.
    const [readerBundle, probeScript] = await Promise.all([buildReader(), buildProbe()]);
    let origin = '';
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', origin);
      served.push(url.pathname);
      if (url.pathname === '/') {
        const nonce = randomBytes(18).toString('base64');
        const translation = translations.get(url.searchParams.get('l10n') ?? '');
        const messages = translation?.messages;
        let html = readerHtml({
          cspSource: origin,
          nonce,
          scriptUri: `${origin}/dist/webview/reader.js`,
          styleUri: `${origin}/media/reader.css`,
          messages: typeof messages === 'string' ? undefined : messages,
          language: translation?.language,
        });
        // A block the host would never write (the page must fall back to English).
        if (typeof messages === 'string') html = html.replace(/(id="lectern-messages"[^>]*>)\{\}/, (_, open: string) => open + messages);
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': readerCsp(origin, nonce),
          'Cache-Control': 'no-store',
        });
        response.end(html);
        return;
      }
      if (url.pathname === '/probe') {
        const nonce = randomBytes(18).toString('base64');
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': readerCsp(origin, nonce),
          'Cache-Control': 'no-store',
        });
        response.end(readerHtml({ cspSource: origin, nonce, scriptUri: `${origin}/probe.js`, styleUri: `${origin}/media/reader.css` }));
        return;
      }
      if (url.pathname === '/probe.js') {
        response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.js'], 'Cache-Control': 'no-store' });
        response.end(probeScript);
        return;
      }
      const path = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
      const built = readerBundle.get(path);
      if (built !== undefined) {
        response.writeHead(200, {
          'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
        });
        response.end(built);
        return;
      }
      const allowed = path.startsWith('media/') && !path.includes('..');
      const file = join(repoRoot, path);
      if (!allowed || !existsSync(file)) {
        response.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const home = mkdtempSync(join(tmpdir(), 'lectern-reader-'));
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: HEADLESS_CHROMIUM_ARGS,
      env: { ...process.env, HOME: home, TMPDIR: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    // Nothing may leave the machine: anything not for the local server is recorded (by the page's
    // request listener) and then aborted here.
    await context.route(
      (url) => !url.href.startsWith(`${origin}/`),
      (route) => route.abort(),
    );
    return new ReaderHarness(server, origin, browser, context, home, served, translations);
  }

  /**
   * Opens the probe page: the reader's page and CSP, but its script only exposes the webview's
   * sanitiser and math renderer as `window.__lecternProbe`, to test them on raw input.
   */
  async openProbe(): Promise<ReaderPage> {
    const page = await this.context.newPage();
    const reader = new ReaderPage(page, this.origin);
    await page.addInitScript(initScript(undefined));
    await page.goto(`${this.origin}/probe`);
    await reader.waitFor('window.__lecternProbe');
    return reader;
  }

  /**
   * Opens the reader in a new tab with `state` as its saved webview state, and the page translated as the host
   * would translate it (`translation`, as `readerHtml` gets it from VS Code); resolves once its script ran.
   */
  async open(options: { state?: ReaderState; translation?: PageTranslation } = {}): Promise<ReaderPage> {
    const page = await this.context.newPage();
    const reader = new ReaderPage(page, this.origin);
    await page.addInitScript(initScript(options.state));
    let query = '';
    if (options.translation) {
      const key = String(this.translations.size + 1);
      this.translations.set(key, options.translation);
      query = `?l10n=${key}`;
    }
    await page.goto(`${this.origin}/${query}`);
    await reader.waitFor(`window.__lectern.posted.length > 0 && document.querySelector('#app header') !== null`);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reader.navigations.push(frame.url());
    });
    return reader;
  }

  async close(): Promise<void> {
    await reportMutantCoverage(this.context);
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await new Promise((done) => this.server.close(done));
    rmSync(this.home, { recursive: true, force: true });
  }
}

/**
 * Under `npm run mutate`, Stryker's first (dry) run learns which mutants the tests reach from the test process; the
 * mutated webview code runs in the pages, so their coverage is copied into the process's record, where Stryker's tap
 * runner reads it. Without this every webview mutant would count as reached by no test.
 */
async function reportMutantCoverage(context: BrowserContext): Promise<void> {
  if (process.env.STRYKER_DRY_RUN !== 'true') return;
  const namespace = process.env.STRYKER_NAMESPACE ?? '__stryker__';
  const record = ((globalThis as Record<string, unknown>)[namespace] ??= {}) as { mutantCoverage?: { static: Record<string, number> } };
  const coverage = (record.mutantCoverage ??= { static: {} });
  coverage.static ??= {};
  for (const page of context.pages()) {
    const hits = await page
      .evaluate<Record<string, number>[]>(
        `(() => { const c = window.__stryker__?.mutantCoverage; return c ? [c.static ?? {}, ...Object.values(c.perTest ?? {})] : []; })()`,
      )
      .catch(() => []);
    for (const counts of hits) for (const [id, n] of Object.entries(counts)) coverage.static[id] = (coverage.static[id] ?? 0) + n;
  }
}

/**
 * The reader bundle as `npm run build` makes it (scripts/build.mjs: webview/main.ts, browser IIFE, minified), built in
 * memory from the current sources: served path (`dist/webview/reader.js`, …) → contents. Takes well under a second.
 */
async function buildReader(): Promise<Map<string, Uint8Array>> {
  const result = await build({
    entryPoints: [join(repoRoot, 'webview', 'main.ts')],
    outfile: join(repoRoot, 'dist', 'webview', 'reader.js'),
    bundle: true,
    write: false,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((file) => [relative(repoRoot, file.path), file.contents]));
  // pdf.js's worker, which scripts/build.mjs copies next to the bundle.
  files.set(
    join('dist', 'webview', 'pdf.worker.js'),
    readFileSync(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs')),
  );
  return files;
}

/** The probe bundle, built in memory from the webview's own modules with the production bundle's settings. */
async function buildProbe(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { sanitizeHtml } from './webview/sanitize-html';
        import { renderMath } from './webview/render-math';
        window.__lecternProbe = { sanitizeHtml, renderMath };`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
