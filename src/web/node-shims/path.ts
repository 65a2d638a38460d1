/**
 * `node:path` for the browser bundle (VS Code for the Web): the POSIX functions Lectern's shared code calls, with
 * Node's results for `/`-separated paths (a unit test compares them with `node:path/posix`). Paths there are
 * `Uri.fsPath` strings of a virtual workspace, which always use `/`.
 */

/** `.` and `..` resolved, repeated slashes dropped; absolute paths stay absolute; a trailing slash kept as Node does. */
function normalize(path: string, keepTrailing = true): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  const trailing = keepTrailing && path.endsWith('/') ? '/' : '';
  if (joined === '') return absolute ? '/' : `.${trailing}`;
  return `${absolute ? '/' : ''}${joined}${trailing}`;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

export function join(...paths: string[]): string {
  const joined = paths.filter((path) => path !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

/** Like Node's: from the right, up to the first absolute path; relative to `/` (a browser has no working folder). */
export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let i = paths.length - 1; i >= 0 && !resolved.startsWith('/'); i--) {
    if (paths[i] !== '') resolved = resolved === '' ? paths[i] : `${paths[i]}/${resolved}`;
  }
  return normalize(resolved.startsWith('/') ? resolved : `/${resolved}`, false);
}

/** Everything before the last name (trailing slashes ignored); only the one slash before that name is dropped, as Node does. */
export function dirname(path: string): string {
  if (path === '') return '.';
  let end = -1;
  let inTrailingSlashes = true;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path[i] !== '/') inTrailingSlashes = false;
    else if (!inTrailingSlashes) {
      end = i;
      break;
    }
  }
  if (end === -1) return path.startsWith('/') ? '/' : '.';
  return path.startsWith('/') && end === 1 ? '//' : path.slice(0, end);
}

export function basename(path: string, suffix?: string): string {
  const name = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return suffix && name.endsWith(suffix) && name !== suffix ? name.slice(0, -suffix.length) : name;
}
