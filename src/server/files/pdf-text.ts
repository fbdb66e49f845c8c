/**
 * The text of a PDF, page by page, through Mozilla's pdfjs (the reader in
 * Firefox; pdfjs-dist 5.6.205, the last whose engines accept Node 20.19).
 * Its legacy build is the one meant for Node. Nothing is fetched and nothing
 * is rendered: no worker script (pdfjs runs its worker code in this thread),
 * no system or standard fonts (text comes from the font's ToUnicode map,
 * glyphs are never drawn), no eval of font programs, no XFA, no network.
 * The module is a few MB, so it is loaded with the first PDF, not at startup.
 */

export class PdfUnreadable extends Error {
  constructor(
    message: string,
    readonly encrypted: boolean,
  ) {
    super(message);
  }
}

/**
 * A 20 MB upload can hold thousands of pages and pdfjs parses in this
 * thread; the 密级 marking of a 公文 sits on its first page, and 1,000 pages
 * cover any document a 党办 attaches, so further pages are not read.
 */
export const MAX_PDF_PAGES = 1000;

/** Title, subject and keywords first (they are shown as the document's name), then one string per page, lines as \n. */
export async function* pdfTexts(content: Buffer): AsyncGenerator<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // A copy: pdfjs takes over (transfers) the buffer it is given, and the caller still stores these bytes.
  const task = getDocument({
    data: new Uint8Array(content),
    useWorkerFetch: false,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    const err = e as { name?: string; message?: string };
    throw new PdfUnreadable(err.message ?? String(e), err.name === 'PasswordException');
  }
  try {
    const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    yield ['Title', 'Subject', 'Keywords'].map((k) => (typeof info[k] === 'string' ? info[k] : '')).join('\n');
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    for (let n = 1; n <= pages; n++) {
      let text: string;
      try {
        const page = await doc.getPage(n);
        const items = (await page.getTextContent()).items;
        text = items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
        page.cleanup();
      } catch (e) {
        throw new PdfUnreadable(`page ${n}: ${(e as Error).message}`, false);
      }
      yield text;
    }
  } finally {
    await doc.destroy();
  }
}
