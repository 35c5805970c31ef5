import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { App, type AppResult } from '../src/tui/App.js';
import { sessionIdOf } from './support/app-result.js';
import { Interview } from '../src/core/interview/interview.js';
import { findRole } from '../src/core/roles/catalog.js';
import { openDatabase } from '../src/db/open.js';
import { listTurns, setTurnAudio } from '../src/db/transcripts.js';
import { Recorder } from '../src/voice/capture/recorder.js';
import { WhisperWorker } from '../src/voice/stt/whisper-worker.js';
import { espeakEngine, OneShotTts } from '../src/voice/tts/one-shot-tts.js';
import { FileSinkPlayer } from '../src/voice/playback/file-sink.js';
import { SpeechOutput } from '../src/voice/tts/speech-output.js';
import { deliveryMetrics } from '../src/core/evaluation/delivery.js';
import { VoiceSession } from '../src/voice/session.js';
import { AudioFixtures } from './support/audio-fixtures.js';
import { waitFor } from './support/wait.js';

const audio = new AudioFixtures();
afterAll(() => audio.remove());

describe('TUI in voice mode', () => {
  it('speaks the question, shows listening / transcribing with a level meter, and saves the spoken answer', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-tui-voice-'));
    const db = openDatabase(':memory:');
    const input = audio.concatWav([
      audio.silenceWav(0.5),
      audio.speechWav('I would shard the table by customer and add a read replica'),
      audio.silenceWav(1.5),
    ]);
    const recorder = new Recorder({ input, realtime: true });
    const stt = new WhisperWorker({
      python: process.execPath,
      workerPath: fileURLToPath(new URL('./support/stt-standin-worker.mjs', import.meta.url)),
      env: { ...process.env, STANDIN_TEXT: 'I would shard the table by customer and add a read replica' },
    });
    await stt.start();
    const tts = new OneShotTts(espeakEngine());
    await tts.start();
    const sink = join(home, 'played');
    const speech = new SpeechOutput(tts, new FileSinkPlayer(sink), { outDir: join(home, 'speech') });
    const voice = new VoiceSession(
      recorder,
      stt,
      speech,
      {
        audioRoot: join(home, 'audio'),
        pushToTalk: false,
        inputIsFile: true,
        typingFallback: true,
        measureDelivery: deliveryMetrics,
      },
      (turnId, path, metrics) => setTurnAudio(db, turnId, path, metrics ?? undefined),
      [tts],
    );
    // Record the voice states the TUI is told about (transient ones may never get a frame of their own).
    const states: string[] = [];
    const setListener = voice.setListener.bind(voice);
    voice.setListener = (fn) =>
      setListener((e) => {
        if (e.type === 'state') states.push(e.state);
        fn(e);
      });
    const interview = new Interview(
      { role: findRole('backend'), difficulty: 'medium', questions: 1, model: null, host: null, inputMode: 'voice' },
      { db, llm: null, offlineReason: null },
    );
    const results: AppResult[] = [];
    const app = render(
      <App interview={interview} offlineReason={null} voice={voice} onDone={(r) => results.push(r)} />,
    );
    const frames: string[] = [];
    const frame = () => {
      const f = app.lastFrame() ?? '';
      frames.push(f);
      return f;
    };
    await waitFor(() => /🎙 [█░]{12} listening/.test(frame()), 'the listening state with a meter', 15_000);
    await waitFor(() => frame().includes('Delivery:'), 'the delivery line after the answer', 15_000);
    await waitFor(() => results.length === 1, 'the end of the interview', 15_000);
    expect(states).toEqual(expect.arrayContaining(['speaking', 'listening', 'recording', 'transcribing']));
    expect(states.indexOf('listening')).toBeLessThan(states.indexOf('transcribing'));
    expect(results[0]).toMatchObject({ status: 'completed' });
    const answer = listTurns(db, sessionIdOf(results)).find((t) => t.speaker === 'candidate')!;
    expect(answer.content).toBe('I would shard the table by customer and add a read replica');
    expect(answer.metrics).toMatchObject({ delivery: { words: 12 } });
    expect(readdirSync(sink).length).toBeGreaterThan(0);
    app.unmount();
    await voice.close();
  });
});
