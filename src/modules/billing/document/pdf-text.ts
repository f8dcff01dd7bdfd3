import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Test support: the text of each page of a PDF, parsed by pdf.js (so a test proves the file
 * is a well-formed PDF a viewer can read, not just bytes that start with %PDF).
 */
export async function pdfPagesText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''),
    );
  }
  await doc.destroy();
  return pages;
}
