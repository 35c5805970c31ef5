/**
 * The text of a PDF, page by page, through unpdf (pdf.js built for servers; 1.7.0 runs on Node 20).
 * Loaded only when a PDF is given, so every other command starts without it. pdf.js's own
 * warnings are silenced: they would go to stdout, which is the transcript's.
 */
import type * as Unpdf from 'unpdf';
import { CoachError, UsageError, errorMessage } from '../../shared/errors.js';
import { cleanLine } from '../../shared/sanitize.js';

export interface PdfText {
  /** Each page's text, in order, up to the page that reached `maxChars`. */
  pages: string[];
  totalPages: number;
}

/** pdf.js VerbosityLevel.ERRORS: no warnings on the console. */
const ERRORS_ONLY = 0;

/** `label` names the file in errors (`--resume file cv.pdf`). */
export async function pdfText(bytes: Uint8Array, maxChars: number, label: string): Promise<PdfText> {
  const unpdf = await loadUnpdf();
  let doc: Awaited<ReturnType<typeof unpdf.getDocumentProxy>>;
  try {
    doc = await unpdf.getDocumentProxy(bytes, { verbosity: ERRORS_ONLY, isEvalSupported: false });
  } catch (err) {
    if (err instanceof Error && err.name === 'PasswordException') {
      throw new UsageError(`${label} is password-protected.`, 'Save a copy without a password, or as text.');
    }
    throw new UsageError(
      `${label} looks like a PDF but cannot be read (${cleanLine(errorMessage(err), 120)}).`,
      'Export it again as PDF, or save the text as a .txt or .md file.',
    );
  }
  try {
    const pages: string[] = [];
    let chars = 0;
    // Page by page, so a 300-page PDF is not read whole to keep its first 20,000 characters.
    for (let n = 1; n <= doc.numPages && chars < maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text);
      chars += text.length;
    }
    return { pages, totalPages: doc.numPages };
  } catch (err) {
    throw new UsageError(
      `${label} looks like a PDF but its text cannot be read (${cleanLine(errorMessage(err), 120)}).`,
      'Save the text as a .txt or .md file and pass that instead.',
    );
  } finally {
    void doc.destroy();
  }
}

async function loadUnpdf(): Promise<typeof Unpdf> {
  try {
    return await import('unpdf');
  } catch (err) {
    throw new CoachError(`PDF support is missing: the unpdf package could not be loaded (${errorMessage(err)}).`, {
      hint: 'Reinstall interview-coach, or save the text as a .txt or .md file and pass that instead.',
    });
  }
}
