/**
 * `node:buffer` for the browser bundle: the two conversions `src/core/search/base64.ts` makes (bytes to base64 and
 * back), through the browser's `btoa`/`atob`, with Node's results (a unit test compares them).
 */

/** Bytes per `String.fromCharCode` call: well under engines' argument limits. */
const CHUNK = 0x8000;

class Base64Bytes extends Uint8Array {
  override toString(encoding?: string): string {
    if (encoding !== 'base64') throw new Error('Lectern: only base64 is supported in VS Code for the Web.');
    let binary = '';
    for (let start = 0; start < this.length; start += CHUNK) {
      binary += String.fromCharCode(...this.subarray(start, start + CHUNK));
    }
    return btoa(binary);
  }
}

/** Node's `Buffer.from(arrayBuffer, offset, length)` (a view, no copy) and `Buffer.from(text, 'base64')`. */
export const Buffer = {
  from(source: ArrayBufferLike | string, offsetOrEncoding?: number | string, length?: number): Base64Bytes {
    if (typeof source !== 'string') return new Base64Bytes(source as ArrayBuffer, offsetOrEncoding as number | undefined, length);
    if (offsetOrEncoding !== 'base64') throw new Error('Lectern: only base64 is supported in VS Code for the Web.');
    // As Node: URL-safe letters accepted, anything else outside the alphabet skipped, from the first `=` on ignored.
    const clean = source
      .split('=')[0]
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .replace(/[^A-Za-z0-9+/]/g, '');
    const whole = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
    const binary = atob(whole + '='.repeat((4 - (whole.length % 4)) % 4));
    const bytes = new Base64Bytes(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  },
};
