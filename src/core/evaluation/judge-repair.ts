/**
 * Cheap repairs of a judge's reply, tried before asking again: the slips local models make
 * around a good answer, fixed only where the meaning is not in doubt.
 *
 * - a ```json … ``` code fence around the object, or reasoning in <think>…</think> before it
 *   (thinking that arrives in the `thinking` field is never read at all);
 * - a grade written as a string of digits ("4") becomes the number;
 * - an integer grade out of range is clamped into 1..5 (0 becomes 1, 7 becomes 5).
 *
 * Nothing is invented: a missing grade, a grade that is not a whole number ("good", 3.5), a
 * missing dimension or a wrong question number is left as it is, so validation fails and the
 * judge is asked again.
 */

export type ReadReply = { ok: true; json: unknown; repairs: string[] } | { ok: false; problem: string };

const THINK_BLOCK = /^\s*<think>[\s\S]*?<\/think>/i;
const CODE_FENCE = /^\s*```[a-zA-Z]*[ \t]*\n([\s\S]*?)\n?```\s*$/;

/** The reply's JSON, after the repairs, with the name of each repair made. */
export function readJudgeReply(text: string): ReadReply {
  const repairs: string[] = [];
  let body = text;
  if (THINK_BLOCK.test(body)) {
    body = body.replace(THINK_BLOCK, '');
    repairs.push('removed <think> reasoning before the JSON');
  }
  const fenced = CODE_FENCE.exec(body);
  if (fenced) {
    body = fenced[1] ?? '';
    repairs.push('removed a code fence around the JSON');
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'it was not valid JSON' };
  }
  repairs.push(...repairGrades(json));
  return { ok: true, json, repairs };
}

/** Fixes the grades of a parsed reply in place (per_answer[].score, dimension_scores.*.score). */
function repairGrades(json: unknown): string[] {
  const repairs: string[] = [];
  const fix = (holder: unknown, where: string) => {
    if (!isRecord(holder) || !('score' in holder)) return;
    const { value, repair } = repairGrade(holder.score);
    if (repair === null) return;
    holder.score = value;
    repairs.push(`${where}: ${repair}`);
  };
  if (!isRecord(json)) return repairs;
  if (Array.isArray(json.per_answer))
    json.per_answer.forEach((a: unknown, i) => {
      const n = isRecord(a) && typeof a.question_number === 'number' ? a.question_number : i + 1;
      fix(a, `answer ${n}`);
    });
  if (isRecord(json.dimension_scores))
    for (const [id, d] of Object.entries(json.dimension_scores)) fix(d, `dimension ${id}`);
  return repairs;
}

/** A grade as the judge wrote it, repaired when that is safe (repair: what was done, or null). */
export function repairGrade(grade: unknown): { value: unknown; repair: string | null } {
  let value = grade;
  let repair: string | null = null;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    repair = `grade "${value.trim()}" read as a number`;
    value = Number(value);
  }
  if (typeof value === 'number' && Number.isInteger(value) && (value < 1 || value > 5)) {
    const clamped = Math.min(5, Math.max(1, value));
    repair = `${repair ? `${repair}, ` : ''}grade ${value} clamped to ${clamped}`;
    value = clamped;
  }
  return { value, repair };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
