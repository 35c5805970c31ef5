/**
 * doctor checks the devices for real (issue 13, item 7): it records a second and measures it,
 * and plays a short tone through the interview's player.
 *
 * The microphone is the real `sox -d` path: on Linux an ~/.asoundrc (HOME points at a temp
 * folder) makes ALSA's default device a file plugin that "records" a raw file we made, plays
 * into a file, or hangs on a FIFO. AUDIODRIVER=alsa keeps sox off PulseAudio where it is built in.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { microphoneCheck, playbackCheck } from '../src/app/device-checks.js';
import { readWav } from '../src/voice/audio/wav.js';
import { AudioFixtures } from './support/audio-fixtures.js';
import { runCli, runJson } from './support/cli.js';
import type { DoctorJson } from './support/cli-json.js';
import { hasTool } from './support/tools.js';
import { waitFor } from './support/wait.js';

const HAS_SOX = hasTool('sox');
const onLinux = process.platform === 'linux';
const HAS_ALSA = onLinux && HAS_SOX && hasTool('aplay', ['--version']);
const isRoot = process.getuid?.() === 0;

const audio = new AudioFixtures();
afterAll(() => audio.remove());

function parseStat(text: string) {
  const num = (label: string) => Number(new RegExp(`${label}:\\s+(-?[\\d.]+)`).exec(text)?.[1]);
  const db = (x: number) => 20 * Math.log10(x);
  return { rmsDb: db(num('RMS\\s+amplitude')), peakDb: db(num('Maximum amplitude')) };
}
/** sox's own measurement of a file (`stat`), independent of ours: RMS and peak in dBFS. */
function statOf(path: string, type: string[] = []) {
  const r = execFileSync('sh', ['-c', 'sox "$@" -n stat 2>&1', 'sh', ...type, path], { encoding: 'utf8' });
  return parseStat(r);
}

/** The level doctor printed: "level -9 dBFS RMS, peak -6 dBFS". */
function levelIn(detail: string): { rms: number; peak: number } {
  const m = /level (-?\d+) dBFS RMS, peak (-?\d+) dBFS/.exec(detail);
  if (!m) throw new Error(`no level in: ${detail}`);
  return { rms: Number(m[1]), peak: Number(m[2]) };
}

/** A HOME whose ~/.asoundrc makes ALSA's default device `pcm`, and the env that uses it. */
function alsaHome(pcm: (dir: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'ic-alsa-'));
  writeFileSync(join(dir, '.asoundrc'), `pcm.!default {\n${pcm(dir)}\n}\n`);
  return { dir, env: { ...process.env, HOME: dir, AUDIODRIVER: 'alsa' } };
}

/** ALSA's default input reads this raw file (48 kHz stereo s16le, as sox opens the device). */
function micFrom(makeRaw: (path: string) => void) {
  return alsaHome((dir) => {
    const raw = join(dir, 'mic.raw');
    makeRaw(raw);
    return `type file\nslave.pcm "null"\nfile "/dev/null"\ninfile "${raw}"\nformat "raw"`;
  });
}
const RAW_48K = ['-r', '48000', '-c', '2', '-e', 'signed-integer', '-b', '16', '-t', 'raw'];
const synthRaw = (effects: string[]) => (path: string) => execFileSync('sox', ['-n', ...RAW_48K, path, ...effects]);

/** A PATH whose first folder holds a stand-in player `name` running `script`. */
function fakePlayer(name: string, script: string) {
  const bin = mkdtempSync(join(tmpdir(), 'ic-fake-player-'));
  writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, name), 0o755);
  return { bin, env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } };
}

/** What aplay prints, word for word, when the default device does not exist (alsa-utils 1.2). */
const APLAY_NO_DEVICE = `ALSA lib confmisc.c:855:(parse_card) cannot find card '0'
ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default
aplay: main:831: audio open error: No such file or directory`;

describe.skipIf(!HAS_SOX)('doctor: the microphone level, from a file standing in for it', () => {
  it('a silent WAV: warns digital silence, and voice mode is not ready', async () => {
    const silent = audio.silenceWav(1);
    const check = await microphoneCheck(silent);
    expect(check).toMatchObject({ name: 'Answers from file', status: 'warn', requiredForVoice: true });
    expect(check.detail).toMatch(/digital silence/);
    expect(check.fix).toMatch(/no sound/);
  });

  it('a WAV with speech: passes, with the level sox itself measures', async () => {
    const speech = audio.speechWav('I would put a cache in front of the database');
    const check = await microphoneCheck(speech);
    expect(check).toMatchObject({ name: 'Answers from file', status: 'ok' });
    const shown = levelIn(check.detail);
    const sox = statOf(speech);
    expect(Math.abs(shown.rms - sox.rmsDb)).toBeLessThanOrEqual(1);
    expect(Math.abs(shown.peak - sox.peakDb)).toBeLessThanOrEqual(1);
  });

  it('a file that is not audio, and one that does not exist: missing, with the fix', async () => {
    const bad = await microphoneCheck(audio.notAudio());
    expect(bad).toMatchObject({ status: 'missing', detail: expect.stringMatching(/^cannot read .*\(sox: /) });
    const gone = await microphoneCheck(join(audio.dir, 'nowhere.wav'));
    expect(gone).toMatchObject({ status: 'missing', fix: 'Check the --voice-input path.' });
  });
});

describe.skipIf(!HAS_ALSA)('doctor: the default microphone, recorded through ALSA', () => {
  it('records only zeros: warns digital silence with the fix for Linux, and for macOS', async () => {
    const { env } = micFrom(synthRaw(['trim', '0', '2']));
    const linux = await microphoneCheck(null, { env, platform: 'linux' });
    expect(linux).toMatchObject({ name: 'sox + microphone', status: 'warn', requiredForVoice: true });
    expect(linux.detail).toMatch(/^default input, 1\.0 s: digital silence/);
    expect(linux.fix).toMatch(/alsamixer/);
    expect(linux.fix).toMatch(/arecord -l/);
    const mac = await microphoneCheck(null, { env, platform: 'darwin' });
    expect(mac.fix).toMatch(/Privacy & Security > Microphone/);
  });

  it('a tone at half scale: passes, with its level', async () => {
    const { dir, env } = micFrom(synthRaw(['synth', '2', 'sine', '440', 'vol', '0.5']));
    const check = await microphoneCheck(null, { env });
    expect(check).toMatchObject({ status: 'ok', requiredForVoice: true });
    const sox = statOf(join(dir, 'mic.raw'), RAW_48K);
    expect(Math.abs(levelIn(check.detail).rms - sox.rmsDb)).toBeLessThanOrEqual(1);
  });

  it('a nearly muted input (peak about -74 dBFS): a warning that does not block voice mode', async () => {
    const { env } = micFrom(synthRaw(['synth', '2', 'sine', '440', 'vol', '0.0002']));
    const check = await microphoneCheck(null, { env, platform: 'linux' });
    expect(check).toMatchObject({ status: 'warn', requiredForVoice: false });
    expect(check.detail).toMatch(/very low/);
    expect(levelIn(check.detail).peak).toBeLessThan(-70);
  });

  it("no such device (sox: can't open input): missing, with the fix", async () => {
    const { env } = alsaHome(
      (dir) => `type file\nslave.pcm "null"\nfile "/dev/null"\ninfile "${dir}/gone.raw"\nformat "raw"`,
    );
    const check = await microphoneCheck(null, { env, platform: 'linux' });
    expect(check).toMatchObject({ status: 'missing', requiredForVoice: true });
    expect(check.detail).toMatch(/^no microphone \(sox: .*can't open input/);
    expect(check.fix).toMatch(/arecord -l/);
  });

  it.skipIf(isRoot)('a device the user may not open (Permission denied): the fix says how to allow it', async () => {
    const { dir, env } = micFrom(synthRaw(['trim', '0', '2']));
    chmodSync(join(dir, 'mic.raw'), 0o000);
    const check = await microphoneCheck(null, { env, platform: 'linux' });
    expect(check).toMatchObject({ status: 'missing', detail: expect.stringMatching(/refused the microphone/) });
    expect(check.fix).toMatch(/audio group/);
  });

  it('a device that never delivers: gives up after the timeout with a warning, no hang', async () => {
    const { env } = alsaHome((dir) => {
      execFileSync('mkfifo', [join(dir, 'stuck')]); // opening it for reading blocks
      return `type file\nslave.pcm "null"\nfile "/dev/null"\ninfile "${dir}/stuck"\nformat "raw"`;
    });
    const started = Date.now();
    const check = await microphoneCheck(null, { env, timeoutMs: 1500 });
    expect(check).toMatchObject({ status: 'warn', requiredForVoice: true });
    expect(check.detail).toBe('the microphone gave no audio within 1.5 s');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('doctor: the test tone through the player', () => {
  it("a player that fails with aplay's no-device error: missing, with the fix", async () => {
    const { env } = fakePlayer('aplay', `cat >&2 <<'EOF'\n${APLAY_NO_DEVICE}\nEOF\nexit 1`);
    const check = await playbackCheck('aplay', { env, platform: 'linux', tone: true });
    expect(check).toMatchObject({ name: 'Playback', status: 'missing', requiredForVoice: true });
    expect(check.detail).toMatch(/no output device \(aplay: main:831: audio open error: No such file or directory\)$/);
    expect(check.fix).toMatch(/aplay -l/);
    const mac = await playbackCheck('aplay', { env, platform: 'darwin', tone: true });
    expect(mac.fix).toMatch(/Sound > Output/);
  });

  it('a player that plays: ok, and it was given a 0.3 s WAV', async () => {
    const { bin, env } = fakePlayer('aplay', 'for f; do :; done; cp "$f" "$(dirname "$0")/heard.wav"');
    const check = await playbackCheck('aplay', { env, tone: true });
    expect(check).toMatchObject({ status: 'ok', detail: expect.stringMatching(/played a 0\.3 s test tone$/) });
    const heard = readWav(join(bin, 'heard.wav'));
    expect(heard.pcm.length / 2 / heard.sampleRate).toBeCloseTo(0.3, 2);
  });

  it('--no-sound: the player is only looked for, nothing is played', async () => {
    const { bin, env } = fakePlayer('aplay', 'touch "$(dirname "$0")/ran"');
    const check = await playbackCheck('aplay', { env, tone: false });
    expect(check).toMatchObject({ status: 'ok', detail: `aplay (${join(bin, 'aplay')})` });
    expect(existsSync(join(bin, 'ran'))).toBe(false);
  });

  it('a player that hangs: a warning after the timeout, and the player is stopped', async () => {
    const { bin, env } = fakePlayer('aplay', 'echo $$ > "$(dirname "$0")/pid"; exec sleep 30');
    const check = await playbackCheck('aplay', { env, tone: true, timeoutMs: 1000 });
    expect(check).toMatchObject({ status: 'warn', requiredForVoice: true });
    expect(check.detail).toMatch(/did not finish within 1 s$/);
    const pid = Number(readFileSync(join(bin, 'pid'), 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitFor(() => !alive(), 'the stopped player to be gone');
  });

  it('the file player: ok, and the tone is written into its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sink-'));
    const check = await playbackCheck(`file:${dir}`, { tone: true });
    expect(check).toMatchObject({ status: 'ok' });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const peakDb = statOf(join(dir, files[0] ?? '')).peakDb;
    expect(peakDb).toBeGreaterThan(-20); // audible, not silence
    expect(peakDb).toBeLessThan(-6); // and not loud
  });

  it.skipIf(!HAS_ALSA)('real aplay into an ALSA device: the tone arrives', async () => {
    const { dir, env } = alsaHome((d) => `type file\nslave.pcm "null"\nfile "${d}/played.raw"\nformat "raw"`);
    const check = await playbackCheck('aplay', { env, tone: true });
    expect(check).toMatchObject({ status: 'ok' });
    const played = readFileSync(join(dir, 'played.raw'));
    expect(played.length).toBeGreaterThanOrEqual(0.3 * 22_050 * 2);
    expect(
      statOf(join(dir, 'played.raw'), ['-r', '22050', '-c', '1', '-e', 'signed-integer', '-b', '16', '-t', 'raw'])
        .peakDb,
    ).toBeGreaterThan(-20);
  });

  it.skipIf(!HAS_ALSA)('real aplay with no such card: missing, with the fix', async () => {
    const { env } = alsaHome(() => 'type hw\ncard 7');
    const check = await playbackCheck('aplay', { env, platform: 'linux', tone: true });
    expect(check).toMatchObject({ status: 'missing', detail: expect.stringMatching(/no output device/) });
  });
});

describe.skipIf(!HAS_SOX)('doctor (the built CLI) with a silent WAV as the input', () => {
  it('--json: the input warns digital silence, the file player passes, voice is not ready', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-doctor-dev-'));
    const sink = join(home, 'spoken');
    const silent = audio.silenceWav(1);
    const args = ['doctor', '--host', 'http://127.0.0.1:9', '--voice-input', silent, '--voice-output', `file:${sink}`];
    const json = await runJson<DoctorJson>([...args, '--json'], {
      env: { INTERVIEW_COACH_HOME: home },
      timeoutMs: 60_000,
    });
    expect(json.voiceReady).toBe(false);
    expect(json.checks.find((c) => c.name === 'Answers from file')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('digital silence'),
    });
    expect(json.checks.find((c) => c.name === 'Playback')).toMatchObject({ status: 'ok' });
    expect(readdirSync(sink)).toHaveLength(1);
    const strict = await runCli([...args, '--voice', '--no-sound'], {
      env: { INTERVIEW_COACH_HOME: home, COLUMNS: '300' },
      timeoutMs: 60_000,
    });
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(/^! Answers from file .*digital silence/m);
    expect(strict.stdout).toMatch(/^Voice interviews: not ready: .*Answers from file/m);
    expect(readdirSync(sink)).toHaveLength(1); // --no-sound played nothing
  }, 120_000);

  it('a fake aplay with no device: Playback is ✗ with the fix', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ic-doctor-dev-'));
    const { env } = fakePlayer('aplay', `cat >&2 <<'EOF'\n${APLAY_NO_DEVICE}\nEOF\nexit 1`);
    const speech = audio.speechWav('I am ready');
    const r = await runCli(
      ['doctor', '--host', 'http://127.0.0.1:9', '--voice-input', speech, '--voice-output', 'aplay'],
      {
        env: { ...env, INTERVIEW_COACH_HOME: home, COLUMNS: '300' },
        timeoutMs: 60_000,
      },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^✗ Playback +aplay .*: no output device/m);
    expect(r.stdout).toMatch(/^✓ Answers from file .*level -\d+ dBFS RMS/m);
  }, 120_000);
});
