/**
 * PDFs made in the tests with pdf-lib, with known text on known pages: nothing binary is checked in, and each test
 * can say exactly what the reader must show. Also the hostile and broken ones the reader must refuse safely.
 */
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/** The sentence on page `page` of {@link textPdf} (1-based). */
export const pageSentence = (page: number) => `Lectern test sentence on page ${page}.`;

/** A PDF of `pageCount` letter pages; page n says {@link pageSentence}(n) and a second line of filler. */
export async function textPdf(pageCount: number, options: { title?: string } = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  if (options.title) document.setTitle(options.title);
  for (let page = 1; page <= pageCount; page++) {
    const sheet = document.addPage([612, 792]);
    sheet.drawText(pageSentence(page), { x: 72, y: 700, size: 14, font });
    sheet.drawText(`Filler text for find: alpha beta gamma ${page % 2 === 0 ? 'even' : 'odd'}.`, { x: 72, y: 670, size: 12, font });
  }
  return document.save();
}

/**
 * A PDF with an OpenAction that runs JavaScript, a page action that launches a program, and a link annotation
 * with a `javascript:` URI: a viewer that executed any of them would set `window.__pwned` or call `alert`.
 */
export async function scriptedPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([612, 792]);
  page.drawText('A PDF with scripts that must never run.', { x: 72, y: 700, size: 14, font });
  const context = document.context;
  const script = context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1); window.__pwned = 1;') });
  document.catalog.set(PDFName.of('OpenAction'), context.register(script));
  const launch = context.obj({ Type: 'Action', S: 'Launch', F: PDFString.of('/bin/sh') });
  page.node.set(PDFName.of('AA'), context.obj({ O: context.register(launch) }));
  // A link annotation over `y`..`y + 30` that opens `uri`.
  const linkTo = (y: number, uri: string) =>
    context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [72, y, 400, y + 30],
        Border: [0, 0, 0],
        A: { Type: 'Action', S: 'URI', URI: PDFString.of(uri) },
      }),
    );
  page.node.set(PDFName.of('Annots'), context.obj([linkTo(690, 'javascript:window.__pwned=1'), linkTo(600, 'https://example.org/paper')]));
  page.drawText('https://example.org/paper', { x: 72, y: 610, size: 12, font });
  return document.save();
}

/**
 * A PDF that says it is encrypted with a user password (a Standard security handler whose check values match no
 * password): viewers must ask for a password, and Lectern says it cannot open it.
 */
export async function passwordPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([612, 792]);
  page.drawText('Secret', { x: 72, y: 700, size: 14 });
  const context = document.context;
  const filler = PDFHexString.of('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A');
  const encrypt = context.obj({ Filter: 'Standard', V: 1, R: 2, O: filler, U: PDFHexString.of('00'.repeat(32)), P: -4 });
  context.trailerInfo.Encrypt = context.register(encrypt);
  context.trailerInfo.ID = context.obj([
    PDFHexString.of('0123456789ABCDEF0123456789ABCDEF'),
    PDFHexString.of('0123456789ABCDEF0123456789ABCDEF'),
  ]);
  return document.save({ useObjectStreams: false });
}

/** Bytes that start like a PDF and then are not one. */
export function damagedPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF any more\n%%EOF\n');
}
