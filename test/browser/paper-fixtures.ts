import type { AnnotationView, HostToWebviewMessage, PaperView, RelatedPaperView } from '../../src/shared/protocol';

type ShowPaper = Extract<HostToWebviewMessage, { type: 'showPaper' }>;

/** A complete PaperView with harmless defaults. */
export function paperView(overrides: Partial<PaperView> = {}): PaperView {
  return {
    id: 'paper-1',
    title: 'A Paper',
    authors: ['Ada Lovelace', 'Alan Turing'],
    year: 2024,
    venue: 'Test Venue',
    abstract: 'An abstract.',
    topics: ['Attention'],
    keywords: [],
    tags: [],
    source: 'papers/test.bib:1',
    hasNote: false,
    ...overrides,
  };
}

/** A `showPaper` message for `paper`, notes enabled, no history, unless `extra` says otherwise. */
export function showPaper(paper: PaperView, extra: Partial<Omit<ShowPaper, 'type' | 'paper'>> = {}): ShowPaper {
  return {
    type: 'showPaper',
    paper,
    related: [] as RelatedPaperView[],
    annotations: [] as AnnotationView[],
    highlightTerms: [],
    history: { canGoBack: false, canGoForward: false },
    notesEnabled: true,
    ...extra,
  };
}
