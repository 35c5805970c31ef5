/**
 * Small, valid PDF files written byte by byte, for the --jd / --resume reader: pages of text
 * (Helvetica, one `Tj` per line) or a page with only a drawn image (a scan: no text at all).
 * The cross-reference table carries the real byte offset of every object, as a strict reader
 * (pdf.js) expects; nothing here comes from the code under test.
 */

/** A PDF whose pages hold these lines of text (ASCII; parentheses and backslashes escaped). */
export function textPdf(pages: string[][]): Buffer {
  const contents = pages.map((lines) => {
    const body = lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - i * 16} Td (${escapePdf(line)}) Tj ET`).join('\n');
    return stream(body);
  });
  return assemble(pages.length, (page) => ({
    resources: '<< /Font << /F1 3 0 R >> >>',
    content: contents[page] ?? stream(''),
  }));
}

/**
 * A scanned page: a 2x2 grey image painted over the page and no text operators at all, which
 * is what a scanner's PDF without OCR looks like to a text extractor.
 */
export function imageOnlyPdf(): Buffer {
  const image =
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream';
  return assemble(1, () => ({
    resources: '<< /XObject << /Im1 4 0 R >> >>',
    content: stream('q 612 0 0 792 0 0 cm /Im1 Do Q'),
    extra: image,
  }));
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

function stream(body: string): string {
  return `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;
}

/**
 * Objects: 1 catalog, 2 page tree, 3 font, 4 an extra object (image), then per page its page
 * object and its content stream.
 */
function assemble(
  pageCount: number,
  page: (index: number) => { resources: string; content: string; extra?: string },
): Buffer {
  const first = page(0);
  const objects: string[] = [];
  const pageIds = Array.from({ length: pageCount }, (_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = first.extra ?? '<< >>';
  for (let i = 0; i < pageCount; i++) {
    const p = i === 0 ? first : page(i);
    const id = pageIds[i]!;
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${p.resources} /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = p.content;
  }
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
