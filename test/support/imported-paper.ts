import type { ImportedPaper, Paper } from '../../src/core/model/paper';

/** An imported record as an importer would give it: "A Title" from line 1 of library.bib, with `fields` on top. */
export function importedPaper(fields: Partial<ImportedPaper>): ImportedPaper {
  return {
    title: 'A Title',
    authors: [],
    abstract: '',
    keywords: [],
    categories: [],
    topics: [],
    source: { file: 'library.bib', line: 1 },
    ...fields,
  };
}

/** A paper with an id, title and abstract and nothing else (no authors, keywords or topics), from line 1 of `file`. */
export function titledPaper(id: string, title: string, abstract: string, file = 'x.jsonl'): Paper {
  return { ...importedPaper({ title, abstract, source: { file, line: 1 } }), id };
}
