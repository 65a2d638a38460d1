/**
 * A paper id from a command argument: an id string, a Papers tree node (`paperId`), a Notes view
 * entry (`paper`) or a paper (`id`). Commands run from menus, links, the palette and tests all go
 * through it. Pure: no `vscode` import.
 */
export function paperIdFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const candidate = (arg as { paperId?: unknown }).paperId ?? (arg as { paper?: unknown }).paper ?? (arg as { id?: unknown }).id;
    if (typeof candidate === 'string') return candidate;
  }
  return undefined;
}
