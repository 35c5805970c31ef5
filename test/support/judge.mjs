// A scripted judge for the Ollama stand-in: reads the JSON schema our app sends as `format`
// and the fenced answers in the prompt, and returns a well-formed evaluation.
import { scriptedInterviewer } from './interviewer-script.mjs';

/** The dimension ids the app asked for, read from the JSON schema it sent as `format`. */
export function requestedDimensions(request) {
  return Object.keys(request.format?.properties?.dimension_scores?.properties ?? {});
}

/** The candidate's answers as the judge prompt fenced them. */
export function fencedAnswers(request) {
  const user = request.messages?.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/<<<ANSWER-([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END-ANSWER-\1>>>/g)].map((m) => m[2]);
}

/** A well-formed judge reply: every dimension `score`, evidence quoted from the first answer. */
export function judgeJson(request, opts = {}) {
  const answers = fencedAnswers(request);
  const quote = opts.evidence ?? (answers[0] ?? '').split(/\s+/).slice(0, 6).join(' ');
  return {
    dimension_scores: Object.fromEntries(
      requestedDimensions(request).map((id) => [id, { score: opts.score ?? 4, evidence: quote }]),
    ),
    strengths: opts.strengths ?? ['Named a concrete technique.'],
    areas_for_improvement: ['Quantify the impact.'],
    per_answer: answers.map((_, i) => ({
      question_number: i + 1,
      score: opts.score ?? 4,
      landed: 'Clear approach.',
      missing: 'Numbers.',
      stronger_answer: 'Lead with the result, then the approach.',
    })),
    detailed_feedback: 'A solid interview with room to quantify results.',
  };
}

/** Interviewer turns from the script; judge calls (they carry a `format`) answered by `judge`. */
export function interviewerAndJudge(judge = (request) => JSON.stringify(judgeJson(request))) {
  let judgeCalls = 0;
  return (request) => (request.format ? judge(request, judgeCalls++) : scriptedInterviewer(request));
}
