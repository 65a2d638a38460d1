/**
 * What a test does when something it needs is not on this machine (the shared corpora, Chromium): on a developer's
 * machine it is skipped with the reason; under CI it fails, because a CI run that skipped its real-data or browser
 * tests is green without having checked anything.
 */

/** True when `CI` is set to anything but empty, `0` or `false` (GitHub Actions and most CI services set `CI=true`). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * `reason` (why a prerequisite is missing) as a skip reason for `test(name, { skip })`, or undefined when nothing is
 * missing. Under CI it throws instead, so the test file fails with the reason.
 *
 * @example
 * test('reads the real export', { skip: skipUnlessCi(existsSync(path) ? undefined : `${path} is absent`) }, …);
 */
export function skipUnlessCi(reason: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (reason === undefined) return undefined;
  if (isCi(env)) throw new Error(`Lectern: ${reason}. CI is set, so this fails instead of skipping: provide it in the CI job.`);
  return reason;
}
