/**
 * `node:fs` for the browser bundle. Only the citation style service reads files synchronously (the bundled APA
 * style and en-US locale, at start-up): those two are built into the web bundle as text. Anything else is refused
 * with a message; workspace files are read through `workspace.fs` on the web (see `web-platform.ts`).
 */
import apaStyle from '../../../media/csl/apa.csl';
import enUsLocale from '../../../media/csl/locales-en-US.xml';

const bundledCsl: Record<string, string> = { 'apa.csl': apaStyle, 'locales-en-US.xml': enUsLocale };

export function readFileSync(path: string): string {
  const [folder, name] = path.replace(/\\/g, '/').split('/').slice(-2);
  if (folder === 'csl' && name in bundledCsl) return bundledCsl[name];
  throw new Error(`Lectern: ${path} cannot be read in VS Code for the Web (no Node file access). Use the desktop VS Code for it.`);
}
