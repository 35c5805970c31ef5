/**
 * A job description and a résumé given to `start --jd FILE --resume FILE`: what a session keeps
 * of them, and what the interview is grounded in (the requirements the model read in the job
 * description, the claims it read in the résumé).
 */
import { z } from 'zod';

export type DocumentKind = 'jd' | 'resume';

/** How each kind is named to the person (flags, errors, exports). */
export const DOCUMENT_NAMES: Record<DocumentKind, { flag: string; noun: string }> = {
  jd: { flag: '--jd', noun: 'job description' },
  resume: { flag: '--resume', noun: 'résumé' },
};

/** A document as read from its file: sanitised, bounded, hashed. */
export interface GroundingDocument {
  kind: DocumentKind;
  /** Its first Markdown heading or first line, else the file name (one line, at most 100 characters). */
  title: string;
  /** The text as used (after sanitising, and cut to the text limit). */
  text: string;
  /** sha256 of `text`, hex: tells two sessions on the same document apart from two on different ones. */
  sha256: string;
  format: 'text' | 'markdown' | 'pdf';
  /** What was left out to keep within the limit (one line), or null. */
  cut: string | null;
}

/** What a saved session says of one document (text null: saved with --no-store, or none). */
export interface SessionDocumentRef {
  title: string;
  sha256: string;
  text: string | null;
}

/** What the model read in the documents: stored with the session unless --no-store. */
export const GroundingFacts = z.object({
  requirements: z.array(z.string()),
  claims: z.array(z.string()),
});
export type GroundingFacts = z.infer<typeof GroundingFacts>;
