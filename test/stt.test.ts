import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';
import { CoachError } from '../src/shared/errors.js';
import { sttWorkerPath, WhisperWorker, type WhisperWorkerOptions } from '../src/voice/stt/whisper-worker.js';
import { processAlive } from '../src/shared/process.js';
import { deliveryMetrics } from '../src/core/evaluation/delivery.js';
import { DEFAULT_STT_PROMPT } from '../src/model/voice-options.js';
import { waitFor } from './support/wait.js';

const STANDIN = fileURLToPath(new URL('./support/stt-standin-worker.mjs', import.meta.url));
const REAL_WORKER = fileURLToPath(new URL('../python/stt_worker.py', import.meta.url));

/** `seconds` of s16le mono 16 kHz silence. */
function pcm(seconds: number): Buffer {
  return Buffer.alloc(Math.round(seconds * 16_000) * 2);
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

const workers: WhisperWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

function track(w: WhisperWorker): WhisperWorker {
  workers.push(w);
  return w;
}

function standin(
  mode: string | undefined,
  opts: WhisperWorkerOptions & { vars?: Record<string, string> } = {},
): WhisperWorker {
  const { vars, ...rest } = opts;
  return track(
    new WhisperWorker({
      python: process.execPath,
      workerPath: STANDIN,
      ...rest,
      env: { ...(mode ? { STANDIN_MODE: mode } : {}), ...vars, ...rest.env },
    }),
  );
}

function python3Has(module: string): boolean {
  return spawnSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}
const HAS_PYTHON3 = hasTool('python3', ['-c', 'pass']);
const HAS_FASTER_WHISPER = HAS_PYTHON3 && python3Has('faster_whisper');

/** A folder holding a stand-in `faster_whisper` module, to put first on PYTHONPATH. */
function shadowFasterWhisper(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-shadow-'));
  writeFileSync(join(dir, 'faster_whisper.py'), body);
  return dir;
}

describe('sttWorkerPath', () => {
  it('resolves ../../../python/stt_worker.py from the module (dist/voice/stt/*.js)', () => {
    expect(sttWorkerPath('file:///opt/ic/dist/voice/stt/whisper-worker.js')).toBe('/opt/ic/python/stt_worker.py');
  });

  it('defaults to the shipped worker in this checkout', () => {
    expect(sttWorkerPath()).toBe(REAL_WORKER);
  });
});

describe('WhisperWorker against the stand-in worker', () => {
  it('starts, reports the ready facts, and transcribes with evenly spread word timings', async () => {
    const w = standin('ok', { config: { model: 'small.en', device: 'auto' } });
    await w.start();
    expect(w.info).toEqual({ model: 'small.en', device: 'auto', computeType: 'int8', loadMs: 5, warmupMs: 3 });
    expect(w.loadMs).toBe(5);
    expect(w.warmupMs).toBe(3);

    const t = await w.transcribe(pcm(1));
    expect(t).toEqual({
      text: 'answer 1',
      words: [
        { word: 'answer', start: 0, end: 0.5, probability: 0.9 },
        { word: '1', start: 0.5, end: 1, probability: 0.9 },
      ],
      duration: 1,
      language: 'en',
      elapsedMs: 7,
    });
    expect((await w.transcribe(pcm(0.5))).text).toBe('answer 2');
  });

  it('uses the sidecar text and spreads its words over the audio duration', async () => {
    const w = standin('ok', { vars: { STANDIN_TEXT: 'I led the migration' } });
    await w.start();
    const t = await w.transcribe(pcm(2));
    expect(t.text).toBe('I led the migration');
    expect(t.words.map((x) => [x.word, x.start, x.end])).toEqual([
      ['I', 0, 0.5],
      ['led', 0.5, 1],
      ['the', 1, 1.5],
      ['migration', 1.5, 2],
    ]);
    expect(t.duration).toBe(2);
  });

  it('sends the disfluent initial prompt by default, so the fillers said stay in the transcript', async () => {
    const said = 'So um I think uh we would cache it';
    const prompted = standin('ok', { vars: { STANDIN_TEXT: said } });
    await prompted.start();
    const kept = await prompted.transcribe(pcm(3));
    expect(kept.text).toBe(said);
    expect(deliveryMetrics(kept.words, kept.text).fillers).toBe(2);
    // Without a prompt (config sttPrompt ""), Whisper writes the fluent text: the fillers are lost.
    const bare = standin('ok', { vars: { STANDIN_TEXT: said }, config: { initial_prompt: '' } });
    await bare.start();
    const lost = await bare.transcribe(pcm(3));
    expect(lost.text).toBe('So I think we would cache it');
    expect(deliveryMetrics(lost.words, lost.text).fillers).toBe(0);
  });

  it('queues concurrent requests and matches each answer to its own request', async () => {
    const w = standin('ok');
    await w.start();
    const results = await Promise.all([w.transcribe(pcm(1)), w.transcribe(pcm(2)), w.transcribe(pcm(3)), w.ping()]);
    expect(results.slice(0, 3).map((t) => t && [t.text, t.duration])).toEqual([
      ['answer 1', 1],
      ['answer 2', 2],
      ['answer 3', 3],
    ]);
  });

  it('sends requests made during a slow load once the worker is ready, and reports its load time', async () => {
    const w = standin('slow-load', { vars: { STANDIN_LOAD_MS: '300' } });
    const started = w.start();
    const early = w.transcribe(pcm(1));
    await started;
    expect(w.loadMs).toBe(300);
    expect((await early).text).toBe('answer 1');
  });

  it('gives up on a worker that is never ready, and kills it', async () => {
    const w = standin('slow-load', { vars: { STANDIN_LOAD_MS: '600000' }, readyTimeoutMs: 200 });
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('The speech-to-text worker was not ready after 200 ms.');
    expect((err as CoachError).hint).toMatch(/smaller/);
    await waitFor(() => !processAlive(w.pid), 'the worker to be killed');
    expect((await rejection(w.transcribe(pcm(1)))).message).toBe(err.message);
  });

  it('ignores non-JSON lines, unrelated JSON and answers for ids nobody is waiting on', async () => {
    const w = standin('junk');
    await w.start();
    // The junk before answer 1 includes an answer for id 2 ("from the future") while request 2 is still queued.
    const [a, b] = await Promise.all([w.transcribe(pcm(1)), w.transcribe(pcm(2))]);
    expect([a.text, a.duration, b.text, b.duration]).toEqual(['answer 1', 1, 'answer 2', 2]);
    await w.ping();
    expect(w.ignoredLines).toContain('this is not JSON');
    expect(w.ignoredLines).toContain('{"id":"2","ok":true,"text":"from the future"}');
    expect(w.ignoredLines).toContain('{"unrelated":true}');
  });

  it('turns a missing-package fatal line into the pip hint', async () => {
    const w = standin('missing-package');
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe(`faster-whisper is not installed for ${process.execPath}.`);
    expect((err as CoachError).hint).toBe('Install it: interview-coach voice setup (or keep typing your answers).');
    expect((await rejection(w.transcribe(pcm(1)))).message).toBe(err.message);
  });

  it('turns a missing-model fatal line into a download hint', async () => {
    const w = standin('missing-model', { config: { model: 'small.en', download_root: '/models' } });
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('The Whisper model "small.en" is not available offline.');
    const hint = (err as CoachError).hint ?? '';
    expect(hint).toContain(`WhisperModel('small.en', download_root='/models')`);
    expect(hint).toContain('interview-coach voice setup --model small.en');
  });

  it('gives a folder hint when the missing model is a path', async () => {
    const w = standin('missing-model', { config: { model: '/models/base.en' } });
    const err = (await rejection(w.start())) as CoachError;
    expect(err.message).toBe('The Whisper model "/models/base.en" is not available offline.');
    expect(err.hint).toContain('model.bin');
  });

  it('reports a worker that exits before ready with its last stderr line', async () => {
    const w = standin('exit-early');
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe(
      'The speech-to-text worker exited before it was ready (exit code 2): standin: ctranslate2 could not allocate memory (simulated)',
    );
  });

  it('reports a missing Python', async () => {
    const w = track(new WhisperWorker({ python: '/nonexistent/python3', workerPath: STANDIN }));
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('Python (/nonexistent/python3) was not found.');
    expect((err as CoachError).hint).toContain('config set python');
  });

  it('reports a missing worker script', async () => {
    const w = track(new WhisperWorker({ python: process.execPath, workerPath: '/nonexistent/stt_worker.py' }));
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('The speech-to-text worker script is missing: /nonexistent/stt_worker.py');
  });

  it('rejects ok:false answers with the worker error, and the worker keeps serving', async () => {
    const w = standin('error');
    await w.start();
    const err = await rejection(w.transcribe(pcm(1)));
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('Speech-to-text failed: RuntimeError: simulated decoder failure');
    expect((err.cause as Error).message).toBe('RuntimeError: simulated decoder failure');
    await w.ping();
    expect(processAlive(w.pid)).toBe(true);
  });

  it('rejects the pending and queued requests when the worker crashes, then fails fast', async () => {
    const w = standin('crash');
    await w.start();
    expect((await w.transcribe(pcm(1))).text).toBe('answer 1');
    const second = rejection(w.transcribe(pcm(1)));
    const queued = rejection(w.transcribe(pcm(1)));
    const expected =
      'The speech-to-text worker stopped (exit code 3): standin: segmentation fault while decoding (simulated)';
    const err = await second;
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe(expected);
    expect((await queued).message).toBe(expected);
    expect((await rejection(w.transcribe(pcm(1)))).message).toBe(expected);
    expect((await rejection(w.ping())).message).toBe(expected);
  });

  it('stops a worker that does not answer within the request timeout, and fails fast after', async () => {
    const w = standin('hang', { requestTimeoutMs: 200 });
    await w.start();
    const pid = w.pid;
    const queued = [w.transcribe(pcm(1)), w.transcribe(pcm(1))];
    const errs = await Promise.all(queued.map(rejection));
    expect(errs.map((e) => e.message)).toEqual([
      'The speech-to-text worker did not answer within 200 ms.',
      'The speech-to-text worker did not answer within 200 ms.',
    ]);
    await waitFor(() => !processAlive(pid), 'the stuck worker to be killed');
    expect((await rejection(w.transcribe(pcm(1)))).message).toBe(errs[0]!.message);
  });

  it('cancels a request already aborted, without sending it', async () => {
    const w = standin('ok');
    await w.start();
    const err = await rejection(w.transcribe(pcm(1), { signal: AbortSignal.abort() }));
    expect(err.name).toBe('AbortError');
    expect((await w.transcribe(pcm(1))).text).toBe('answer 1');
  });

  it('cancels a request at the worker; its late answer is dropped and the worker keeps running', async () => {
    const w = standin('ok');
    await w.start();
    const ac = new AbortController();
    const inFlight = w.transcribe(pcm(1), { signal: ac.signal });
    ac.abort();
    expect((await rejection(inFlight)).name).toBe('AbortError');
    // The worker did transcribe it ("answer 1"); the next caller must get its own answer.
    const next = await w.transcribe(pcm(2));
    expect([next.text, next.duration]).toEqual(['answer 2', 2]);
    expect(processAlive(w.pid)).toBe(true);
  });

  it('cancels a queued request so it is never sent', async () => {
    const w = standin('ok');
    await w.start();
    const ac = new AbortController();
    const first = w.transcribe(pcm(1));
    const queued = w.transcribe(pcm(2), { signal: ac.signal });
    ac.abort();
    expect((await rejection(queued)).name).toBe('AbortError');
    expect((await first).text).toBe('answer 1');
    expect((await w.transcribe(pcm(3))).text).toBe('answer 2');
  });

  it('close() ends stdin, lets the request at the worker finish, and waits for exit', async () => {
    const w = standin('ok');
    await w.start();
    const pid = w.pid;
    const inFlight = w.transcribe(pcm(1));
    const queued = rejection(w.transcribe(pcm(1)));
    await w.close();
    expect(processAlive(pid)).toBe(false);
    expect((await inFlight).text).toBe('answer 1');
    expect((await queued).message).toBe('The speech-to-text worker is closed.');
    expect((await rejection(w.transcribe(pcm(1)))).message).toBe('The speech-to-text worker is closed.');
  });

  it('close() kills a worker that ignores end of input after the grace period', async () => {
    const w = standin('stubborn', { closeGraceMs: 100 });
    await w.start();
    const pid = w.pid;
    expect(processAlive(pid)).toBe(true);
    await w.close();
    expect(processAlive(pid)).toBe(false);
  });

  it('close() during start, and close() of a worker never started', async () => {
    const never = track(new WhisperWorker({ python: process.execPath, workerPath: STANDIN }));
    await never.close();
    await expect(never.start()).rejects.toThrow('The speech-to-text worker is closed.');

    const w = standin('slow-load', { vars: { STANDIN_LOAD_MS: '600000' } });
    const started = rejection(w.start());
    await waitFor(() => w.stderrLines.some((l) => l.includes('loading')), 'the stand-in to begin loading');
    const pid = w.pid;
    await w.close();
    expect((await started).message).toBe('The speech-to-text worker is closed.');
    expect(processAlive(pid)).toBe(false);
  });

  it('needs start() before transcribe()', async () => {
    const w = standin('ok');
    await expect(w.transcribe(pcm(1))).rejects.toThrow('start() must be called');
  });
});

describe.skipIf(!HAS_PYTHON3)('WhisperWorker driving the real python/stt_worker.py', () => {
  it('speaks the protocol end to end with the STT_FAKE_ENGINE test hook; prints land on stderr', async () => {
    const logs: string[] = [];
    const w = track(
      new WhisperWorker({
        env: { STT_FAKE_ENGINE: '1' },
        config: { model: 'tiny.en' },
        onLog: (line, source) => logs.push(`${source}: ${line}`),
      }),
    );
    await w.start();
    expect(w.info).toMatchObject({ model: 'tiny.en', device: 'cpu', computeType: 'int8' });
    expect(typeof w.loadMs).toBe('number');
    const [a, b] = await Promise.all([w.transcribe(pcm(0.1)), w.transcribe(pcm(0.25))]);
    expect(a).toEqual({
      text: 'received 3200 bytes',
      words: [{ word: 'received', start: 0, end: 0.1, probability: 1 }],
      duration: 0.1,
      language: 'en',
      elapsedMs: expect.any(Number),
    });
    expect(b.text).toBe('received 8000 bytes');
    await w.ping();
    await waitFor(() => logs.includes('stderr: fake engine: 8000 bytes'), "the fake engine's print on stderr");
    expect(w.ignoredLines).toEqual([]);
    const pid = w.pid;
    await w.close();
    expect(processAlive(pid)).toBe(false);
  });

  it.skipIf(!python3Has('numpy'))(
    "passes the initial prompt to faster-whisper's transcribe (stand-in module with its 1.2.1 signature)",
    async () => {
      // WhisperModel.transcribe as faster-whisper 1.2.1 declares it: an unknown keyword is a TypeError.
      const dir = shadowFasterWhisper(
        [
          'from types import SimpleNamespace as NS',
          'class WhisperModel:',
          '    def __init__(self, name, **kw): pass',
          '    def transcribe(self, audio, language=None, task="transcribe", log_progress=False, beam_size=5,',
          '                   best_of=5, patience=1, length_penalty=1, repetition_penalty=1, no_repeat_ngram_size=0,',
          '                   temperature=[0.0, 0.2, 0.4, 0.6, 0.8, 1.0], compression_ratio_threshold=2.4,',
          '                   log_prob_threshold=-1.0, no_speech_threshold=0.6, condition_on_previous_text=True,',
          '                   prompt_reset_on_temperature=0.5, initial_prompt=None, prefix=None, suppress_blank=True,',
          '                   suppress_tokens=[-1], without_timestamps=False, max_initial_timestamp=1.0,',
          '                   word_timestamps=False, prepend_punctuations="", append_punctuations="",',
          '                   multilingual=False, vad_filter=False, vad_parameters=None, max_new_tokens=None,',
          '                   chunk_length=None, clip_timestamps="0", hallucination_silence_threshold=None,',
          '                   hotwords=None, language_detection_threshold=0.5, language_detection_segments=1):',
          '        text = " prompt=" + repr(initial_prompt)',
          '        segs = iter([NS(start=0.0, end=1.0, text=text, avg_logprob=-0.1, no_speech_prob=0.0, words=[])])',
          '        return segs, NS(language="en", duration=1.0)',
          '',
        ].join('\n'),
      );
      const prompted = track(new WhisperWorker({ env: { PYTHONPATH: dir } }));
      await prompted.start();
      expect((await prompted.transcribe(pcm(1))).text).toBe(`prompt='${DEFAULT_STT_PROMPT}'`);
      const bare = track(new WhisperWorker({ env: { PYTHONPATH: dir }, config: { initial_prompt: '' } }));
      await bare.start();
      expect((await bare.transcribe(pcm(1))).text).toBe('prompt=None');
    },
  );

  it('turns an ImportError of faster_whisper into the pip hint (stand-in module on PYTHONPATH)', async () => {
    const dir = shadowFasterWhisper('raise ImportError("No module named \'ctranslate2\'")\n');
    const w = track(new WhisperWorker({ env: { PYTHONPATH: dir } }));
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('faster-whisper is not installed for python3.');
    expect((err as CoachError).hint).toBe('Install it: interview-coach voice setup (or keep typing your answers).');
    expect((err.cause as Error).message).toContain('ctranslate2');
  });

  it('turns a model that is not cached into the missing-model error (stand-in module on PYTHONPATH)', async () => {
    const dir = shadowFasterWhisper(
      [
        'class EntryNotFoundError(Exception): pass',
        'class LocalEntryNotFoundError(EntryNotFoundError, FileNotFoundError, ValueError): pass',
        'class WhisperModel:',
        '    def __init__(self, name, **kw):',
        '        assert kw["local_files_only"] is True',
        '        raise LocalEntryNotFoundError("Cannot find an appropriate cached snapshot folder")',
        '',
      ].join('\n'),
    );
    const w = track(new WhisperWorker({ env: { PYTHONPATH: dir }, config: { model: 'base.en' } }));
    const err = await rejection(w.start());
    expect(err).toBeInstanceOf(CoachError);
    expect(err.message).toBe('The Whisper model "base.en" is not available offline.');
  });

  it.skipIf(HAS_FASTER_WHISPER)(
    'without faster-whisper installed, the real worker reports missing-package',
    async () => {
      const w = track(new WhisperWorker());
      const err = await rejection(w.start());
      expect(err).toBeInstanceOf(CoachError);
      expect(err.message).toBe('faster-whisper is not installed for python3.');
      expect((err as CoachError).hint).toBe('Install it: interview-coach voice setup (or keep typing your answers).');
      expect((err.cause as Error).message).toMatch(/No module named 'faster_whisper'/);
    },
  );
});
