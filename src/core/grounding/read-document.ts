/**
 * Reads a job description or a résumé (`start --jd FILE --resume FILE`): plain text, Markdown or
 * PDF, told apart by content (a PDF starts with `%PDF-`), not by the file's name. What comes out
 * is bounded (the file's size before it is read, the text after), sanitised by the one sanitiser,
 * and hashed. Every problem is one line that names the flag and the file, with what to do.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UsageError, errorMessage } from '../../shared/errors.js';
import { byteSize } from '../../shared/format.js';
import { cleanLine, cleanText } from '../../shared/sanitize.js';
import { DOCUMENT_NAMES, type DocumentKind, type GroundingDocument } from '../../model/grounding.js';
import { pdfText } from './pdf-text.js';

/**
 * A text file above this is not a job description or a résumé (a long one is 20 KB). A PDF
 * carries fonts and images besides its text: a résumé exported from a word processor is often
 * 100-500 KB, so PDFs get more room. Only the text is bounded after that.
 */
export const DOCUMENT_LIMITS = {
  textFileBytes: 200 * 1024,
  pdfFileBytes: 5 * 1024 * 1024,
  /** Characters of text kept (about 5,000 tokens): the prompts must leave room for the interview. */
  textChars: 20_000,
  titleChars: 100,
} as const;

/** The PDF header may follow a few bytes of junk, within the first 1024 (PDF 1.7, annex H). */
const PDF_MAGIC = '%PDF-';

export async function readDocument(path: string, kind: DocumentKind): Promise<GroundingDocument> {
  const { flag, noun } = DOCUMENT_NAMES[kind];
  const label = `${flag} file ${path}`;
  const bytes = readBounded(path, label, noun);
  const isPdf = bytes.subarray(0, 1024).toString('latin1').includes(PDF_MAGIC);
  let raw: string;
  let pdfPagesNote = '';
  if (isPdf) {
    const pdf = await pdfText(new Uint8Array(bytes), DOCUMENT_LIMITS.textChars, label);
    raw = pdf.pages.join('\n\n');
    if (!raw.trim()) {
      throw new UsageError(
        `${label}: no text in PDF (scanned?).`,
        'Run it through OCR (for example `ocrmypdf in.pdf out.pdf`), or save the text as a .txt or .md file.',
      );
    }
    if (pdf.pages.length < pdf.totalPages) pdfPagesNote = ` (pages 1-${pdf.pages.length} of ${pdf.totalPages} read)`;
  } else {
    raw = decodeText(bytes, label);
  }
  const clean = tidy(cleanText(raw));
  if (!clean) {
    throw new UsageError(`${label} is empty.`, `Pass a file with the ${noun} in it (text, Markdown or PDF).`);
  }
  const { text, cut } = bound(clean, noun, pdfPagesNote);
  const format = isPdf ? 'pdf' : /^\.(md|markdown)$/i.test(extname(path)) ? 'markdown' : 'text';
  return {
    kind,
    title: titleOf(text, path),
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    format,
    cut,
  };
}

/** The file's bytes, refused before reading when it is too large for either kind of file. */
function readBounded(path: string, label: string, noun: string): Buffer {
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new UsageError(`${label} is a folder.`, `Pass the ${noun} file itself.`);
    if (stats.size > DOCUMENT_LIMITS.pdfFileBytes) throw tooBig(label, stats.size, noun);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : errorMessage(err);
    throw new UsageError(`Cannot read ${label}: ${why}.`, `Check the path given to ${label.split(' ')[0]}.`);
  }
  // A fifo or a file that grew reports another size: what was read is measured again.
  const isPdf = bytes.subarray(0, 1024).toString('latin1').includes(PDF_MAGIC);
  const limit = isPdf ? DOCUMENT_LIMITS.pdfFileBytes : DOCUMENT_LIMITS.textFileBytes;
  if (bytes.length > limit) throw tooBig(label, bytes.length, noun);
  return bytes;
}

function tooBig(label: string, size: number, noun: string): UsageError {
  return new UsageError(
    `${label} is ${byteSize(size)}: the limit is ${byteSize(DOCUMENT_LIMITS.textFileBytes)} for text and ${byteSize(DOCUMENT_LIMITS.pdfFileBytes)} for a PDF.`,
    `Pass the ${noun} alone, as text, Markdown or PDF.`,
  );
}

/**
 * UTF-8 text (a byte-order mark is dropped). A NUL byte, or more than 1% of characters that are
 * not UTF-8, means it is not text: an image, a Word file, a zip.
 */
function decodeText(bytes: Buffer, label: string): string {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  const invalid = (text.match(/\uFFFD/g) ?? []).length;
  if (bytes.includes(0) || invalid > Math.max(2, text.length / 100)) {
    throw new UsageError(
      `${label} is neither text nor a PDF (it looks like a binary file).`,
      'Save it as a .txt, .md or .pdf file (a .docx can be saved as PDF).',
    );
  }
  return text;
}

/** Trailing spaces off every line, at most one blank line in a row (PDF text is full of both). */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text within the limit, cut at a line or word break, and a one-line note of what was left out. */
function bound(text: string, noun: string, pdfPagesNote: string): { text: string; cut: string | null } {
  const max = DOCUMENT_LIMITS.textChars;
  if (text.length <= max) {
    return { text, cut: pdfPagesNote ? `Only the first pages of the ${noun} were read${pdfPagesNote}.` : null };
  }
  const head = text.slice(0, max);
  const breakAt = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  const kept = (breakAt > max * 0.8 ? head.slice(0, breakAt) : head).trimEnd();
  const left = text.length - kept.length;
  return {
    text: kept,
    cut: `The ${noun} was cut to its first ${kept.length.toLocaleString('en-US')} characters${pdfPagesNote}; ${left.toLocaleString('en-US')} ${left === 1 ? 'character' : 'characters'} after that were left out.`,
  };
}

/** The first Markdown heading, else the first line, else the file's name; one line, bounded. */
function titleOf(text: string, path: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  const heading = lines.find((l) => /^#{1,6}\s+\S/.test(l));
  const first = heading ?? lines.find((l) => l !== '');
  const title = cleanLine((first ?? '').replace(/^#{1,6}\s+/, '').replace(/[*_`]+/g, ''), DOCUMENT_LIMITS.titleChars);
  return title || cleanLine(basename(path), DOCUMENT_LIMITS.titleChars);
}
