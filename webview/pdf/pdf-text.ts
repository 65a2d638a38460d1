import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A page's text as pdf.js reads it: the text items joined (a line end becomes a space), and where each item starts.
 * The n-th item is the n-th span of the page's text layer, so an offset in `text` names a span: find and the PDF's
 * highlights (a quote over this text, the page number and offsets in it) use it.
 */
export interface PageText {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Offset in `text` of each text item (one per text-layer span). */
  itemStarts: number[];
}

/** One occurrence of a query: its page and its offsets in that page's {@link PageText}. */
export interface TextMatch {
  page: number;
  start: number;
  end: number;
}

/** Reads and keeps the text of a PDF's pages, one page at a time as asked. */
export class PdfText {
  private readonly pages = new Map<number, Promise<PageText>>();
  /** The pages read so far, for code that cannot wait (a selection is described as it is made). */
  private readonly read = new Map<number, PageText>();

  constructor(private readonly document: PDFDocumentProxy) {}

  pageText(page: number): Promise<PageText> {
    let text = this.pages.get(page);
    if (!text) {
      text = this.readPage(page).then((read) => {
        this.read.set(page, read);
        return read;
      });
      this.pages.set(page, text);
    }
    return text;
  }

  /** The page's text if it has been read already (see `pageText`). */
  loaded(page: number): PageText | undefined {
    return this.read.get(page);
  }

  /** Every occurrence of `query` (case-insensitive; a line end matches a space), page by page in order. */
  async findAll(query: string, signal?: { cancelled: boolean }): Promise<TextMatch[]> {
    const wanted = normalize(query).trim();
    if (!wanted) return [];
    const matches: TextMatch[] = [];
    for (let page = 1; page <= this.document.numPages; page++) {
      if (signal?.cancelled) return [];
      const { text } = await this.pageText(page);
      const haystack = normalize(text);
      for (let at = haystack.indexOf(wanted); at >= 0; at = haystack.indexOf(wanted, at + wanted.length))
        matches.push({ page, start: at, end: at + wanted.length });
    }
    return matches;
  }

  private async readPage(page: number): Promise<PageText> {
    const content = await (await this.document.getPage(page)).getTextContent();
    const itemStarts: number[] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      itemStarts.push(text.length);
      text += item.str + (item.hasEOL ? ' ' : '');
    }
    return { page, text, itemStarts };
  }
}

/** Lower case, every white space one space: same length as the input, so offsets carry over. */
function normalize(text: string): string {
  return text.replace(/\s/g, ' ').toLowerCase();
}
