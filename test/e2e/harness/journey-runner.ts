import { inspect } from 'node:util';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import type { CodeServer } from './code-server';

/** What each journey gets: one workbench page shared by all journeys of a run, in order. */
export interface JourneyContext {
  page: Page;
  server: CodeServer;
  /** Absolute path of the opened workspace folder (a fresh copy per run): check files here. */
  workspace: string;
  /** Saves `test-results/e2e/<journey>-<name>.png`; one is also taken after each journey. */
  screenshot: (name: string) => Promise<string>;
}

type JourneyBody = (ctx: JourneyContext) => Promise<void>;

interface Journey {
  name: string;
  body: JourneyBody;
  timeoutMs?: number;
}

const journeys: Journey[] = [];

/** Registers a UI journey; journeys run in registration (import) order. */
export function journey(name: string, body: JourneyBody, options: { timeoutMs?: number } = {}): void {
  journeys.push({ name, body, timeoutMs: options.timeoutMs });
}

/** How many journeys are registered. */
export const journeyCount = (): number => journeys.length;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Runs the registered journeys one after another against one workbench page, each with a
 * timeout and a screenshot at its end (pass or fail), and prints `N passed, N failed`.
 * Sets process.exitCode = 1 if any failed.
 */
export async function runJourneys(
  ctx: Omit<JourneyContext, 'screenshot'>,
  options: { timeoutMs?: number; filter?: string } = {},
): Promise<{ passed: number; failed: number }> {
  const selected = journeys.filter((j) => !options.filter || j.name.includes(options.filter));
  let passed = 0;
  let failed = 0;
  for (const [index, j] of selected.entries()) {
    const prefix = `${String(index + 1).padStart(2, '0')}-${slug(j.name)}`;
    const timeoutMs = j.timeoutMs ?? options.timeoutMs ?? 60_000;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let error: unknown;
    try {
      await Promise.race([
        j.body({ ...ctx, screenshot: (name) => screenshot(ctx.page, `${prefix}-${name}`) }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`journey timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (caught) {
      error = caught;
    } finally {
      clearTimeout(timer);
    }
    const shot = await screenshot(ctx.page, error ? `${prefix}-FAILED` : prefix).catch((e: Error) => `(no screenshot: ${e.message})`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (error) {
      failed++;
      console.log(
        `  ✗ ${j.name} (${seconds} s)\n    ${(error instanceof Error ? (error.stack ?? error.message) : inspect(error)).replace(/\n/g, '\n    ')}\n    screenshot: ${shot}`,
      );
    } else {
      passed++;
      console.log(`  ✓ ${j.name} (${seconds} s)`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
  return { passed, failed };
}
