// The part of citeproc-js (the `citeproc` package, CommonJS, untyped) Lectern uses.
declare module 'citeproc' {
  interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
  }
  interface CiteprocEngine {
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    /** `false` when the style has no bibliography. */
    makeBibliography(): [{ bibliography_errors: unknown[] }, string[]] | false;
    makeCitationCluster(items: Array<{ id: string }>): string;
  }
  interface CiteprocNamespace {
    Engine: new (sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine;
    Output: { Formats: Record<string, Record<string, unknown>> };
  }
  const CSL: CiteprocNamespace;
  export default CSL;
}
