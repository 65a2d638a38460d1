/** `node:os` for the browser bundle: a browser has no home folder, so `~/…` bibliography paths resolve from `/`. */
export function homedir(): string {
  return '/';
}
