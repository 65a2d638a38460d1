import { createHash } from 'node:crypto';

/** A short, stable digest of content, used to tell whether a cached index still matches its corpus. */
export function contentFingerprint(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 32);
}
