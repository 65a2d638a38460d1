/**
 * PDFs with text laid out as a test says, for full-text extraction: any Unicode text (Greek, Cyrillic, CJK, the
 * `ﬁ` ligature) on known pages, at known places (two columns), with words hyphenated at line ends. Each character
 * that is not printable ASCII gets a one-byte code in a font whose ToUnicode CMap maps it back, as a PDF made by a
 * typesetter does: what a reader extracts is that mapping, whatever the glyphs look like.
 */
import { PDFDocument, PDFHexString, PDFName, PDFOperator, PDFOperatorNames as Op, PDFNumber } from 'pdf-lib';

/** One run of text: drawn at `x` (default 72), `y` points from the bottom of a letter page. */
export interface PlacedText {
  text: string;
  x?: number;
  y: number;
}

/** Lines from the top of the page down, one every 16 points, at `x`. */
export function linesAt(lines: readonly string[], x = 72, top = 720): PlacedText[] {
  return lines.map((text, i) => ({ text, x, y: top - 16 * i }));
}

/** A PDF whose page n holds `pages[n - 1]`, in that order in the content stream. */
export async function layoutPdf(pages: ReadonlyArray<readonly PlacedText[]>): Promise<Uint8Array> {
  const codes = new Map<string, number>();
  for (const page of pages)
    for (const { text } of page) for (const ch of text) if (!isPrintableAscii(ch) && !codes.has(ch)) codes.set(ch, 0x80 + codes.size);
  if (codes.size > 128) throw new Error('layoutPdf: at most 128 distinct non-ASCII characters');
  const document = await PDFDocument.create();
  const context = document.context;
  const unicode = (ch: string) => [...ch].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  const singles = [...codes].map(([ch, code]) => `<${code.toString(16)}> <${unicode(ch)}>`);
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CMapName /Lectern-Test def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '1 beginbfrange <20> <7E> <0020> endbfrange',
    ...(singles.length > 0 ? [`${singles.length} beginbfchar`, ...singles, 'endbfchar'] : []),
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const toUnicode = context.register(context.stream(cmap));
  // Each extra code draws some glyph (an `o`): a code with no glyph is dropped by readers before its text is read.
  const differences = codes.size > 0 ? [0x80, ...[...codes.keys()].map(() => PDFName.of('o'))] : [];
  const encoding = context.obj({ Type: 'Encoding', BaseEncoding: 'WinAnsiEncoding', Differences: differences });
  const font = context.register(
    context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: encoding, ToUnicode: toUnicode }),
  );
  for (const runs of pages) {
    const page = document.addPage([612, 792]);
    page.node.setFontDictionary(PDFName.of('F1'), font);
    for (const { text, x = 72, y } of runs) {
      const hex = [...text].map((ch) => (codes.get(ch) ?? ch.charCodeAt(0)).toString(16).padStart(2, '0')).join('');
      page.pushOperators(
        PDFOperator.of(Op.BeginText),
        PDFOperator.of(Op.SetFontAndSize, [PDFName.of('F1'), PDFNumber.of(11)]),
        PDFOperator.of(Op.MoveText, [PDFNumber.of(x), PDFNumber.of(y)]),
        PDFOperator.of(Op.ShowText, [PDFHexString.of(hex)]),
        PDFOperator.of(Op.EndText),
      );
    }
  }
  return document.save();
}

function isPrintableAscii(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch.length === 1 && code >= 0x20 && code <= 0x7e;
}
