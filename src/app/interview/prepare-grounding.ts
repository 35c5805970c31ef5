/**
 * `start --jd FILE --resume FILE`: the documents are read (and refused, with exit code 2) before
 * anything else starts; with --no-store their text is also kept out of the calls log.
 */
import { readDocument } from '../../core/grounding/read-document.js';
import { DOCUMENT_LABELS } from '../../core/grounding/labels.js';
import { DOCUMENT_NAMES, type GroundingDocument } from '../../model/grounding.js';
import type { LlmCall } from '../../model/llm-call.js';
import type { StartOptions } from '../start-options.js';
import { warn } from '../output.js';

export interface GroundingDocuments {
  jd: GroundingDocument | null;
  resume: GroundingDocument | null;
}

export async function readGroundingDocuments(
  options: Pick<StartOptions, 'jd' | 'resume'>,
): Promise<GroundingDocuments | null> {
  if (!options.jd && !options.resume) return null;
  const jd = options.jd ? await readDocument(options.jd, 'jd') : null;
  const resume = options.resume ? await readDocument(options.resume, 'resume') : null;
  for (const doc of [jd, resume]) if (doc?.cut) warn(doc.cut);
  return { jd, resume };
}

/** "job description and résumé", "résumé": for messages. */
export function documentNouns(docs: GroundingDocuments): string {
  return [docs.jd, docs.resume]
    .filter((d): d is GroundingDocument => d !== null)
    .map((d) => DOCUMENT_NAMES[d.kind].noun)
    .join(' and ');
}

export const WITHHELD = '[withheld: the session was started with --no-store]';
const FENCED = new RegExp(`<<<(${DOCUMENT_LABELS.join('|')})-([0-9a-f]+)>>>\\n[\\s\\S]*?\\n<<<END-\\1-\\2>>>`, 'g');

/**
 * A call as the calls log keeps it under --no-store: every fenced document, requirement list and
 * claim list replaced by a note, and the reply of the call that read the documents left out.
 */
export function withholdDocuments(call: LlmCall): LlmCall {
  const derive = call.purpose === 'derive-questions';
  return {
    ...call,
    messages: call.messages.map((m) => ({
      ...m,
      content: m.content.replace(
        FENCED,
        (_, label: string, nonce: string) => `<<<${label}-${nonce}>>>\n${WITHHELD}\n<<<END-${label}-${nonce}>>>`,
      ),
    })),
    reply: derive ? WITHHELD : call.reply,
    thinking: derive ? '' : call.thinking,
  };
}
