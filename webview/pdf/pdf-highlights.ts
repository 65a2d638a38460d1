import { anchorQuote, describeQuote } from '../../src/core/annotations/text-quote';
import type { AnnotationView, TextPositionSelector, TextQuoteSelector } from '../../src/shared/protocol';
import { el } from '../dom';
import { textOffset, wrapTextSpan } from '../text-range';
import type { PdfPageView } from './pdf-page-view';
import type { PdfText } from './pdf-text';

/** A selection in the PDF, described as a highlight is stored: a quote over the page's text, the page and the offsets. */
export interface PdfSelection {
  selector: TextQuoteSelector;
  page: number;
  position: TextPositionSelector;
}

/** Where a PDF highlight was found: a page and offsets in that page's text (see `PdfText`). */
interface PdfAnchor {
  page: number;
  start: number;
  end: number;
}

/** Characters of context kept on each side of a quote (as in the abstract). */
const CONTEXT = 32;
const MAX_QUOTE = 10_000;

/**
 * The PDF's highlights: each one is anchored in the text of its page as pdf.js reads it (the text `PdfText` gives
 * find), by its position when the quote is still there, else by its quote on that page, else by its quote on any
 * other page (a PDF replaced by another version); what is found nowhere is an orphan, reported and never dropped.
 * Anchored highlights are drawn as `<mark>`s in a page's text layer each time the page is drawn (pages are drawn
 * lazily and released when far from view).
 */
export class PdfHighlights {
  private annotations: AnnotationView[] = [];
  private anchors = new Map<string, PdfAnchor>();
  private generation = 0;
  /** A highlight to show and flash once its page is drawn. */
  private pendingReveal: string | undefined;

  constructor(
    private readonly text: PdfText,
    private readonly pageCount: number,
    private readonly options: {
      /** The pages drawn now (their text layers get marks). */
      renderedPages(): PdfPageView[];
      goToPage(page: number): void;
      /** The anchoring of the current highlights is done: these were found nowhere. */
      anchored(orphans: AnnotationView[]): void;
    },
  ) {}

  /** Anchors `annotations` (the paper's PDF highlights) afresh and redraws the drawn pages. */
  async update(annotations: AnnotationView[]): Promise<void> {
    const generation = ++this.generation;
    this.annotations = annotations;
    const anchors = new Map<string, PdfAnchor>();
    const orphans: AnnotationView[] = [];
    for (const annotation of annotations) {
      const anchor = await this.anchor(annotation);
      if (generation !== this.generation) return;
      if (anchor) anchors.set(annotation.id, anchor);
      else orphans.push(annotation);
    }
    this.anchors = anchors;
    for (const view of this.options.renderedPages()) this.drawPage(view);
    this.options.anchored(orphans);
    if (this.pendingReveal) this.reveal(this.pendingReveal);
  }

  /** The page a highlight was found on (else the page it names), if it is one of the current highlights. */
  pageOf(id: string): number | undefined {
    return this.anchors.get(id)?.page ?? this.annotations.find((annotation) => annotation.id === id)?.page;
  }

  /** Draws the highlights of a page that has just been drawn (again): marks in its text-layer spans. */
  drawPage(view: PdfPageView): void {
    clearMarks(view.element);
    const onPage = this.annotations.filter((annotation) => this.anchors.get(annotation.id)?.page === view.pageNumber);
    const loaded = this.text.loaded(view.pageNumber);
    const spans = view.textSpans();
    if (onPage.length > 0 && loaded && spans.length > 0) {
      for (const annotation of onPage) {
        const { start, end } = this.anchors.get(annotation.id)!;
        spans.forEach((span, index) => {
          const spanStart = loaded.itemStarts[index] ?? Infinity;
          const spanEnd = spanStart + (span.textContent?.length ?? 0);
          if (start >= spanEnd || end <= spanStart) return;
          wrapTextSpan(span, Math.max(start, spanStart) - spanStart, Math.min(end, spanEnd) - spanStart, () =>
            el('mark', {
              class: annotation.comment ? 'annotation pdf-annotation has-comment' : 'annotation pdf-annotation',
              'data-annotation-id': annotation.id,
              title: annotation.comment || undefined,
            }),
          );
        });
      }
    }
    if (this.pendingReveal && this.anchors.get(this.pendingReveal)?.page === view.pageNumber) this.flash(view, this.pendingReveal);
  }

  /** Goes to a highlight's page and flashes it once drawn (now, or when anchoring and drawing are done). */
  reveal(id: string): void {
    this.pendingReveal = id;
    const anchor = this.anchors.get(id);
    if (!anchor) return;
    this.options.goToPage(anchor.page);
    const view = this.options.renderedPages().find((page) => page.pageNumber === anchor.page);
    if (view?.element.querySelector(`mark[data-annotation-id="${CSS.escape(id)}"]`)) this.flash(view, id);
  }

  /** The selection as a PDF highlight, when it lies in the text layer of one drawn page (whose text is read). */
  selection(pages: readonly PdfPageView[]): PdfSelection | undefined {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
    const range = selection.getRangeAt(0);
    const pageElement = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest('.pdf-page');
    const element = pageElement(range.startContainer);
    if (!element || element !== pageElement(range.endContainer)) return undefined;
    const view = pages.find((page) => page.element === element);
    const loaded = view && this.text.loaded(view.pageNumber);
    if (!view || !loaded) return undefined;
    const spans = view.textSpans();
    let start = pageOffset(spans, loaded.itemStarts, loaded.text.length, range.startContainer, range.startOffset);
    let end = pageOffset(spans, loaded.itemStarts, loaded.text.length, range.endContainer, range.endOffset);
    const { text } = loaded;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start || end - start > MAX_QUOTE) return undefined;
    return { selector: describeQuote(text, start, end, CONTEXT), page: view.pageNumber, position: { start, end } };
  }

  private async anchor(annotation: AnnotationView): Promise<PdfAnchor | undefined> {
    const named = annotation.page && annotation.page <= this.pageCount ? annotation.page : undefined;
    if (named) {
      const { text } = await this.text.pageText(named);
      const { position, selector } = annotation;
      if (position && text.slice(position.start, position.end) === selector.exact) return { page: named, ...position };
      const found = anchorQuote(text, selector);
      if (found) return { page: named, start: found.start, end: found.end };
    }
    // Not on its page: the PDF may be another version of the paper. Exact quotes only, nearest page first.
    const order = Array.from({ length: this.pageCount }, (_, index) => index + 1)
      .filter((page) => page !== named)
      .sort((a, b) => Math.abs(a - (named ?? 1)) - Math.abs(b - (named ?? 1)));
    for (const page of order) {
      const { text } = await this.text.pageText(page);
      const at = text.indexOf(annotation.selector.exact);
      if (at >= 0) return { page, start: at, end: at + annotation.selector.exact.length };
    }
    return undefined;
  }

  private flash(view: PdfPageView, id: string): void {
    const marks = [...view.element.querySelectorAll<HTMLElement>(`mark[data-annotation-id="${CSS.escape(id)}"]`)];
    if (marks.length === 0) return;
    this.pendingReveal = undefined;
    marks[0].scrollIntoView({ block: 'nearest' });
    for (const mark of marks) {
      mark.classList.remove('flash');
      void mark.offsetWidth; // restart the animation
      mark.classList.add('flash');
    }
  }
}

/**
 * The offset in the page's text of a selection boundary inside the page: within a text-layer span, the span's start
 * plus the characters before the boundary; elsewhere (between spans, on a line break), the start of the next span.
 */
function pageOffset(spans: HTMLElement[], itemStarts: number[], length: number, node: Node, offset: number): number {
  const boundary = document.createRange();
  boundary.setStart(node, offset);
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index];
    // pdf.js keeps a span for each empty text item without putting it in the page.
    if (!span.isConnected) continue;
    if (span.contains(node)) return (itemStarts[index] ?? length) + textOffset(span, node, offset);
    if (boundary.comparePoint(span, 0) >= 0) return itemStarts[index] ?? length;
  }
  return length;
}

/** Takes the highlight marks out of a page's text layer (their text stays). */
function clearMarks(page: HTMLElement): void {
  const parents = new Set<Node>();
  for (const mark of page.querySelectorAll('mark.pdf-annotation')) {
    if (mark.parentNode) parents.add(mark.parentNode);
    mark.replaceWith(...mark.childNodes);
  }
  for (const parent of parents) parent.normalize();
}
