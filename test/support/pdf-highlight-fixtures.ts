/**
 * A PDF for the highlight tests, made with pdf-lib: known sentences on known pages, including a ligature (the
 * Helvetica glyphs `fi` and `fl` drawn as single characters), a word hyphenated at a line end, and Greek text
 * (the standard Symbol font), so anchoring is tested on the text pdf.js really extracts.
 */
import { PDFDocument, PDFHexString, PDFName, PDFOperator, PDFOperatorNames as Ops, PDFNumber, StandardFonts } from 'pdf-lib';

/** Sentences on each page of {@link highlightPdf}, as drawn (before pdf.js reads them back). */
export const HIGHLIGHT_PAGE_TEXT = {
  /** Page 1: plain text. */
  plain: 'Highlights in the PDF are kept in the note.',
  /** Page 2: a repeated sentence (the context tells the occurrences apart). */
  repeated: 'The same words appear twice.',
  /** Page 3: the journey's sentence. */
  third: 'Attention sinks appear on page three of this paper.',
  /** Page 4, first line (ends with a hyphen) and second line. */
  hyphenFirst: 'Long words are some-',
  hyphenSecond: 'times hyphenated at line ends.',
  /** Page 5: Greek text. */
  greek: 'λογος και κοσμος',
} as const;

/** Page 6's text, drawn with `fi`/`fl` ligature glyphs where the letters are written here as ﬁ / ﬂ. */
export const LIGATURE_SENTENCE = 'The ﬁrst ﬂow ﬁnds the ﬁxed point.';

/** A six-page PDF with the texts of {@link HIGHLIGHT_PAGE_TEXT} and {@link LIGATURE_SENTENCE}, plus filler. */
export async function highlightPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const helvetica = await document.embedFont(StandardFonts.Helvetica);
  const symbol = await document.embedFont(StandardFonts.Symbol);
  const add = (lines: string[], font = helvetica) => {
    const page = document.addPage([612, 792]);
    lines.forEach((line, index) => page.drawText(line, { x: 72, y: 700 - index * 24, size: 14, font }));
    page.drawText('Filler line for the page.', { x: 72, y: 500, size: 12, font: helvetica });
    return page;
  };
  add([HIGHLIGHT_PAGE_TEXT.plain]);
  add([HIGHLIGHT_PAGE_TEXT.repeated, 'Something between them.', HIGHLIGHT_PAGE_TEXT.repeated]);
  add(['An opening line.', HIGHLIGHT_PAGE_TEXT.third, 'A closing line.']);
  add([HIGHLIGHT_PAGE_TEXT.hyphenFirst, HIGHLIGHT_PAGE_TEXT.hyphenSecond]);
  add([HIGHLIGHT_PAGE_TEXT.greek], symbol);
  const page = add([]);
  // Helvetica re-encoded so that byte 1 is the `fi` glyph and byte 2 the `fl` glyph: the PDF holds real ligatures.
  const context = document.context;
  const ligatureFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: { Type: 'Encoding', BaseEncoding: 'WinAnsiEncoding', Differences: [1, PDFName.of('fi'), PDFName.of('fl')] },
    }),
  );
  page.node.setFontDictionary(PDFName.of('LecternLig'), ligatureFont);
  const bytes = [...LIGATURE_SENTENCE].map((char) =>
    char === 'ﬁ' ? '01' : char === 'ﬂ' ? '02' : char.charCodeAt(0).toString(16).padStart(2, '0'),
  );
  page.pushOperators(
    PDFOperator.of(Ops.BeginText),
    PDFOperator.of(Ops.SetFontAndSize, [PDFName.of('LecternLig'), PDFNumber.of(14)]),
    PDFOperator.of(Ops.MoveText, [PDFNumber.of(72), PDFNumber.of(700)]),
    PDFOperator.of(Ops.ShowText, [PDFHexString.of(bytes.join(''))]),
    PDFOperator.of(Ops.EndText),
  );
  return document.save();
}
