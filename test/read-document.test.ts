import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, readDocument } from '../src/core/grounding/read-document.js';
import { UsageError } from '../src/shared/errors.js';
import { imageOnlyPdf, textPdf } from './support/pdf-fixtures.js';

const dir = () => mkdtempSync(join(tmpdir(), 'ic-doc-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir(), name);
  writeFileSync(path, content);
  return path;
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The UsageError a read fails with (exit code 2), so its message and hint can be checked. */
async function failure(path: string, kind: 'jd' | 'resume' = 'jd'): Promise<UsageError> {
  const err: unknown = await readDocument(path, kind).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(2);
  return err as UsageError;
}

describe('readDocument: text and Markdown', () => {
  it('reads Markdown: its first heading is the title, the text is hashed as kept', async () => {
    const path = file('jd.md', 'Intro line\n\n# Senior **Backend** Engineer\n\n- Go and Postgres\n- On-call   \n');
    const doc = await readDocument(path, 'jd');
    expect(doc).toMatchObject({ kind: 'jd', title: 'Senior Backend Engineer', format: 'markdown', cut: null });
    expect(doc.text).toBe('Intro line\n\n# Senior **Backend** Engineer\n\n- Go and Postgres\n- On-call');
    expect(doc.sha256).toBe(sha256(doc.text));
  });

  it('reads plain text: the first line is the title; a BOM and CRLF do not survive', async () => {
    const doc = await readDocument(file('cv.txt', '\uFEFFJane Doe\r\nStaff engineer\r\n'), 'resume');
    expect(doc).toMatchObject({ title: 'Jane Doe', text: 'Jane Doe\nStaff engineer', format: 'text' });
  });

  it('sanitises: escape sequences, bidi overrides and zero-width characters are removed from text and title', async () => {
    const doc = await readDocument(file('jd.txt', 'Rust\u001B[31m dev\u202E\u200B\n\u0007Tokio'), 'jd');
    expect(doc.title).toBe('Rust dev');
    expect(doc.text).toBe('Rust dev\nTokio');
  });

  it('a first line with no words (a rule of stars) leaves the file name as the title', async () => {
    const doc = await readDocument(file('acme-backend.md', '***\nWe build payment APIs.'), 'jd');
    expect(doc.title).toBe('acme-backend.md');
  });

  it('cuts text over the limit at a word break and says what was left out', async () => {
    const words = Array.from({ length: 6000 }, (_, i) => `word${i}`).join(' ');
    const doc = await readDocument(file('long.txt', words), 'resume');
    expect(doc.text.length).toBeLessThanOrEqual(DOCUMENT_LIMITS.textChars);
    expect(words.startsWith(doc.text)).toBe(true);
    expect(words.charAt(doc.text.length)).toBe(' ');
    const left = words.length - doc.text.length;
    expect(doc.cut).toBe(
      `The résumé was cut to its first ${doc.text.length.toLocaleString('en-US')} characters; ${left.toLocaleString('en-US')} characters after that were left out.`,
    );
  });
});

describe('readDocument: PDF', () => {
  it('reads the text of every page, told apart by content (not the name)', async () => {
    const pdf = textPdf([
      ['Jane Doe', 'Led the (payments) migration to Postgres'],
      ['Built a Kafka pipeline: 2M events/day'],
    ]);
    const doc = await readDocument(file('resume.bin', pdf), 'resume');
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('Jane Doe');
    expect(doc.text).toBe(
      'Jane Doe\nLed the (payments) migration to Postgres\n\nBuilt a Kafka pipeline: 2M events/day',
    );
    expect(doc.sha256).toBe(sha256(doc.text));
  });

  it('stops reading pages once the text limit is reached, and says so', async () => {
    const line = 'x'.repeat(90);
    const page = Array.from({ length: 40 }, (_, i) => `${i} ${line}`);
    const doc = await readDocument(file('big.pdf', textPdf(Array.from({ length: 12 }, () => page))), 'jd');
    expect(doc.text.length).toBeLessThanOrEqual(DOCUMENT_LIMITS.textChars);
    expect(doc.cut).toMatch(/^The job description was cut to its first [\d,]+ characters \(pages 1-6 of 12 read\); /);
  });

  it('a scanned PDF (an image, no text) is refused: no text in PDF (scanned?)', async () => {
    const err = await failure(file('scan.pdf', imageOnlyPdf()), 'resume');
    expect(err.message).toMatch(/^--resume file .*scan\.pdf: no text in PDF \(scanned\?\)\.$/);
    expect(err.hint).toMatch(/OCR/);
  });

  it('a damaged PDF is refused in one line', async () => {
    const err = await failure(file('broken.pdf', '%PDF-1.4\nthis is not a pdf body\n'));
    expect(err.message).toMatch(/^--jd file .*broken\.pdf looks like a PDF but (its text )?cannot be read \(.+\)\.$/);
  });
});

describe('readDocument: bad input', () => {
  it('a missing file', async () => {
    const err = await failure(join(dir(), 'nope.md'));
    expect(err.message).toMatch(/^Cannot read --jd file .*nope\.md: no such file\.$/);
  });

  it('a folder', async () => {
    const path = join(dir(), 'folder');
    mkdirSync(path);
    expect((await failure(path)).message).toMatch(/is a folder\.$/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file', async () => {
    const path = file('secret.txt', 'text');
    chmodSync(path, 0o000);
    expect((await failure(path)).message).toMatch(/: permission denied\.$/);
  });

  it('a binary file that is not a PDF', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const err = await failure(file('photo.png', png), 'resume');
    expect(err.message).toMatch(/photo\.png is neither text nor a PDF/);
  });

  it('an empty file, and one of only blank lines and invisible characters', async () => {
    expect((await failure(file('empty.txt', ''))).message).toMatch(/empty\.txt is empty\.$/);
    expect((await failure(file('blank.txt', '\n \u200B\n\t\n'))).message).toMatch(/blank\.txt is empty\.$/);
  });

  it('a text file over the limit is refused before it is read', async () => {
    const err = await failure(file('huge.txt', 'a'.repeat(DOCUMENT_LIMITS.textFileBytes + 1)));
    expect(err.message).toMatch(/huge\.txt is 200 KB: the limit is 200 KB for text and 5 MB for a PDF\.$/);
  });
});
