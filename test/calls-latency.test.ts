/** `calls` shows each spoken reply's latency under the interviewer call that wrote the reply. */
import { describe, expect, it } from 'vitest';
import { callsReport, replyLatencies } from '../src/app/calls-report.js';
import type { SavedLlmCall } from '../src/model/llm-call.js';
import type { Turn } from '../src/model/turn.js';
import type { TurnLatency } from '../src/model/turn-metrics.js';
import { aCall } from './support/call-fixtures.js';

const latency = (firstAudioMs: number): TurnLatency => ({
  endpointWaitMs: 1500,
  transcribeMs: 2000,
  sttEngineMs: 480,
  firstTokenMs: 2300,
  firstSentenceMs: 3700,
  firstAudioMs,
});

let ids = 0;
const call = (purpose: SavedLlmCall['purpose'], startedAt: string): SavedLlmCall => ({
  ...aCall({ purpose, startedAt }),
  id: ++ids,
  sessionId: 's1',
});

let seq = 0;
function turn(speaker: Turn['speaker'], createdAt: string, metrics: Turn['metrics'] = null): Turn {
  return {
    id: ++seq,
    sessionId: 's1',
    seq,
    speaker,
    kind: speaker === 'interviewer' ? 'question' : 'answer',
    questionNumber: 1,
    content: 'text',
    createdAt,
    durationMs: null,
    cancelled: false,
    audioUrl: null,
    metrics,
    askedBy: null,
  };
}

describe('replyLatencies', () => {
  it('gives each spoken reply its latency under the last interviewer call made for it', () => {
    const warmUp = call('warm-up', '2026-11-01T09:00:00.000Z');
    const greeting = call('interviewer', '2026-11-01T09:00:01.000Z');
    const retried = call('interviewer', '2026-11-01T09:00:30.000Z');
    const second = call('interviewer', '2026-11-01T09:00:31.000Z');
    const judge = call('judge', '2026-11-01T09:05:00.000Z');
    const turns = [
      turn('interviewer', '2026-11-01T09:00:02.000Z'),
      turn('candidate', '2026-11-01T09:00:29.000Z', { latency: { transcribeMs: 2000, sttEngineMs: 480 } }),
      turn('interviewer', '2026-11-01T09:00:33.000Z', { latency: latency(4100) }),
      // A reply from the question bank (no call) after a later answer: no call gets its latency.
      turn('candidate', '2026-11-01T09:01:00.000Z'),
      turn('interviewer', '2026-11-01T09:01:03.000Z', { latency: latency(900) }),
      // A damaged metrics column is passed over.
      turn('interviewer', '2026-11-01T09:01:04.000Z', { unreadable: 'not JSON' }),
    ];
    const byCall = replyLatencies([warmUp, greeting, retried, second, judge], turns);
    expect([...byCall]).toEqual([[second.id, latency(4100)]]);

    const report = callsReport([greeting, second], { full: false, columns: 200, latency: byCall });
    const voiceLines = report.split('\n').filter((line) => line.startsWith('voice'));
    expect(voiceLines).toEqual([
      "voice     endpoint 1500 ms · transcript 2000 ms (engine 480 ms) · first token 2300 ms · first sentence 3700 ms · first audio 4100 ms from the end of the answer's speech",
    ]);
    // Under the call that wrote the reply, after its figures.
    expect(report.indexOf(voiceLines[0]!)).toBeGreaterThan(report.indexOf('Call 2 of 2'));
  });
});
