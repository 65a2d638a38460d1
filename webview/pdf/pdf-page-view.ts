import * as l10n from '@vscode/l10n';
import {
  AnnotationType,
  TextLayer,
  type PDFDocumentProxy,
  type PDFPageProxy,
  type PageViewport,
  type RenderTask,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import { el } from '../dom';

/** Canvas pixels per page at most (about 16 megapixels: 4096²), so zooming in never allocates gigabytes. */
const MAX_CANVAS_PIXELS = 16_777_216;

/** A link on a page: an outside address (through the reader's link policy) or a page of the same PDF. */
type PageLink = { rect: number[]; url?: string; page?: number };

/**
 * One page of the PDF: a placeholder of the page's size that holds, while it is near the view, a canvas, a text
 * layer (transparent text over the canvas, for selection and find) and its links. `release` drops them again, so a
 * 500-page PDF keeps only the pages near the view in memory. The page element says its number (`data-page-number`),
 * and its text layer spans keep pdf.js's text items in order (`textDivs`) for find and, later, highlights.
 */
export class PdfPageView {
  readonly element: HTMLElement;
  private page: PDFPageProxy | undefined;
  private renderTask: RenderTask | undefined;
  private textLayer: TextLayer | undefined;
  private rendering: Promise<void> | undefined;
  private scale = 1;
  private generation = 0;

  constructor(
    private readonly document: PDFDocumentProxy,
    readonly pageNumber: number,
    /** The page's size at scale 1 (CSS pixels), until the page itself is loaded. */
    private baseSize: { width: number; height: number },
    private readonly goToPage: (page: number) => void,
  ) {
    this.element = el('div', {
      class: 'pdf-page',
      'data-page-number': pageNumber,
      role: 'region',
      'aria-label': l10n.t('Page {0}', pageNumber),
    });
  }

  /** True when the canvas and text layer are there (drawn, or being drawn). */
  get isRendered(): boolean {
    return this.rendering !== undefined;
  }

  /** Sizes the placeholder for `scale` and drops what was drawn at another scale. */
  setScale(scale: number): void {
    if (scale === this.scale && this.element.style.width) return;
    this.scale = scale;
    this.release();
    this.element.style.width = `${Math.floor(this.baseSize.width * scale)}px`;
    this.element.style.height = `${Math.floor(this.baseSize.height * scale)}px`;
    this.element.style.setProperty('--total-scale-factor', String(scale));
  }

  /** Draws the page (once; again after `release`). Resolves when the canvas and the text layer are in place. */
  render(): Promise<void> {
    this.rendering ??= this.draw(++this.generation).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'RenderingCancelledException') return;
      this.element.replaceChildren(
        el('p', { class: 'pdf-page-error' }, l10n.t('Lectern could not draw page {0} of this PDF.', this.pageNumber)),
      );
      console.error('Lectern: a PDF page could not be drawn.', error);
    });
    return this.rendering;
  }

  /** Drops the canvas, text layer and links (the placeholder keeps its size); drawing in progress stops. */
  release(): void {
    this.generation++;
    this.renderTask?.cancel();
    this.textLayer?.cancel();
    this.renderTask = undefined;
    this.textLayer = undefined;
    this.rendering = undefined;
    for (const canvas of this.element.querySelectorAll('canvas')) {
      // Zero-sized canvases give their memory back at once rather than at the next garbage collection.
      canvas.width = 0;
      canvas.height = 0;
    }
    this.element.replaceChildren();
    this.element.classList.remove('rendered');
    this.page?.cleanup();
  }

  /** The text layer's spans, one per pdf.js text item in order (empty until rendered). */
  textSpans(): HTMLElement[] {
    return this.textLayer?.textDivs ?? [];
  }

  private async draw(generation: number): Promise<void> {
    const page = (this.page ??= await this.document.getPage(this.pageNumber));
    if (generation !== this.generation) return;
    const viewport = page.getViewport({ scale: this.scale });
    this.baseSize = { width: viewport.width / this.scale, height: viewport.height / this.scale };
    // Pages may differ in size from the first one, which sized every placeholder.
    this.element.style.width = `${Math.floor(viewport.width)}px`;
    this.element.style.height = `${Math.floor(viewport.height)}px`;
    const canvas = el('canvas', { class: 'pdf-canvas', 'aria-hidden': 'true' });
    const outputScale = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
    canvas.width = Math.floor(viewport.width * outputScale);
    canvas.height = Math.floor(viewport.height * outputScale);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    const textContainer = el('div', { class: 'textLayer' });
    this.element.replaceChildren(canvas, textContainer);
    this.renderTask = page.render({
      canvas,
      viewport,
      transform: outputScale === 1 ? undefined : [outputScale, 0, 0, outputScale, 0, 0],
    });
    this.textLayer = new TextLayer({ textContentSource: page.streamTextContent(), container: textContainer, viewport });
    await Promise.all([this.renderTask.promise, this.textLayer.render()]);
    if (generation !== this.generation) return;
    this.element.classList.add('rendered');
    await this.addLinks(page, viewport, generation);
  }

  /** Link areas over the page: outside addresses as `<a href>` (the reader's one link handler decides), inner links as buttons. */
  private async addLinks(page: PDFPageProxy, viewport: PageViewport, generation: number): Promise<void> {
    const links = await this.pageLinks(page);
    if (generation !== this.generation || links.length === 0) return;
    const layer = el('div', { class: 'pdf-links' });
    for (const link of links) {
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(link.rect) as number[];
      const area = link.url
        ? el('a', { href: link.url, class: 'pdf-link', title: link.url })
        : el('button', {
            type: 'button',
            class: 'pdf-link',
            title: l10n.t('Go to page {0}', String(link.page)),
            'aria-label': l10n.t('Go to page {0}', String(link.page)),
          });
      if (link.page !== undefined) area.addEventListener('click', () => this.goToPage(link.page!));
      area.style.left = `${Math.min(x1, x2)}px`;
      area.style.top = `${Math.min(y1, y2)}px`;
      area.style.width = `${Math.abs(x2 - x1)}px`;
      area.style.height = `${Math.abs(y2 - y1)}px`;
      layer.append(area);
    }
    this.element.append(layer);
  }

  private async pageLinks(page: PDFPageProxy): Promise<PageLink[]> {
    const annotations = (await page.getAnnotations({ intent: 'display' })) as {
      annotationType: number;
      rect: number[];
      url?: string;
      dest?: unknown;
    }[];
    const links: PageLink[] = [];
    for (const annotation of annotations) {
      if (annotation.annotationType !== AnnotationType.LINK) continue;
      if (typeof annotation.url === 'string') links.push({ rect: annotation.rect, url: annotation.url });
      else if (annotation.dest !== undefined) {
        const target = await this.destinationPage(annotation.dest);
        if (target !== undefined) links.push({ rect: annotation.rect, page: target });
      }
    }
    return links;
  }

  private async destinationPage(dest: unknown): Promise<number | undefined> {
    try {
      const explicit = typeof dest === 'string' ? await this.document.getDestination(dest) : dest;
      const ref = Array.isArray(explicit) ? (explicit[0] as unknown) : undefined;
      if (typeof ref === 'number') return ref + 1;
      if (ref && typeof ref === 'object') return (await this.document.getPageIndex(ref as { num: number; gen: number })) + 1;
    } catch {
      // A broken destination is no link.
    }
    return undefined;
  }
}
