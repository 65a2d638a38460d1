import type { ImportedPaper } from '../../src/core/model/paper';

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
