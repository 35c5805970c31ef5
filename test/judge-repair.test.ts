import { describe, expect, it } from 'vitest';
import { readJudgeReply, repairGrade } from '../src/core/evaluation/judge-repair.js';

const reply = {
  per_answer: [{ question_number: 2, quote: 'x', landed: 'a', missing: 'b', score: '4', stronger_answer: 'c' }],
  dimension_scores: { technical_depth: { evidence: 'x', score: 7 }, communication: { evidence: '', score: null } },
};

describe('cheap repairs of a judge reply', () => {
  it('reads grades written as strings and clamps integers out of range, saying what it did', () => {
    const read = readJudgeReply(JSON.stringify(reply));
    expect(read).toEqual({
      ok: true,
      json: {
        per_answer: [{ ...reply.per_answer[0], score: 4 }],
        dimension_scores: {
          technical_depth: { evidence: 'x', score: 5 },
          communication: { evidence: '', score: null },
        },
      },
      repairs: ['answer 2: grade "4" read as a number', 'dimension technical_depth: grade 7 clamped to 5'],
    });
  });

  it('strips a code fence and <think> reasoning around the JSON', () => {
    const text = `<think>The anchors say 4.\n"score": 1 } {</think>\n\n\`\`\`json\n${JSON.stringify(reply)}\n\`\`\``;
    const read = readJudgeReply(text);
    expect(read.ok && read.repairs.slice(0, 2)).toEqual([
      'removed <think> reasoning before the JSON',
      'removed a code fence around the JSON',
    ]);
    expect(read.ok && read.json).toMatchObject({ per_answer: [{ score: 4 }] });
  });

  it('leaves a clean reply alone', () => {
    const clean = {
      per_answer: [{ question_number: 1, score: 3 }],
      dimension_scores: { a: { evidence: '', score: 2 } },
    };
    expect(readJudgeReply(JSON.stringify(clean))).toEqual({ ok: true, json: clean, repairs: [] });
  });

  it('never invents a grade: words, fractions, missing grades and broken JSON stay unusable', () => {
    expect(repairGrade('good')).toEqual({ value: 'good', repair: null });
    expect(repairGrade(3.5)).toEqual({ value: 3.5, repair: null });
    expect(repairGrade(undefined)).toEqual({ value: undefined, repair: null });
    expect(repairGrade('4/5')).toEqual({ value: '4/5', repair: null });
    expect(repairGrade(0)).toEqual({ value: 1, repair: 'grade 0 clamped to 1' });
    expect(repairGrade('9')).toEqual({ value: 5, repair: 'grade "9" read as a number, grade 9 clamped to 5' });
    const missing = { per_answer: [{ question_number: 1 }], dimension_scores: { a: { evidence: '' } } };
    expect(readJudgeReply(JSON.stringify(missing))).toEqual({ ok: true, json: missing, repairs: [] });
    expect(readJudgeReply('```json\n{"per_answer": [\n```')).toEqual({ ok: false, problem: 'it was not valid JSON' });
    expect(readJudgeReply('Sure! Here it is: {"a": 1}')).toEqual({ ok: false, problem: 'it was not valid JSON' });
  });
});
