/**
 * One player table: for the same PATH and the same `player` setting, voice mode (pickPlayer),
 * doctor (its Playback check) and replay's audio key use the same player.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbackCheck } from '../src/app/doctor-checks.js';
import { ReplayAudio } from '../src/app/handlers/replay-audio.js';
import { pickPlayer } from '../src/voice/playback/pick-player.js';
import { autoPlayerOrder } from '../src/voice/playback/players.js';
import { ProcessPlayer } from '../src/voice/playback/process-player.js';

/** A PATH holding stand-in players: each logs its own name and arguments, then exits 0. */
function fakePlayers(names: string[]) {
  const bin = mkdtempSync(join(tmpdir(), 'ic-players-'));
  const log = join(bin, 'played.log');
  for (const name of names) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const recording = join(bin, 'answer-1.wav');
  writeFileSync(recording, 'stand-in players do not read it');
  const played = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { bin, env: { PATH: bin }, recording, played };
}

const cases: Array<{
  title: string;
  installed: string[];
  setting: string;
  platform: NodeJS.Platform;
  expected: string;
}> = [
  {
    title: 'auto on Linux: aplay first',
    installed: ['ffplay', 'play', 'aplay', 'afplay'],
    setting: 'auto',
    platform: 'linux',
    expected: 'aplay',
  },
  {
    title: 'auto on Linux without aplay: SoX play',
    installed: ['ffplay', 'play', 'afplay'],
    setting: 'auto',
    platform: 'linux',
    expected: 'play',
  },
  {
    title: 'auto on Linux with only FFmpeg',
    installed: ['ffplay'],
    setting: 'auto',
    platform: 'linux',
    expected: 'ffplay',
  },
  {
    title: 'auto on macOS: afplay first',
    installed: ['aplay', 'play', 'afplay'],
    setting: 'auto',
    platform: 'darwin',
    expected: 'afplay',
  },
  {
    title: 'a configured player wins over the table',
    installed: ['aplay', 'play', 'ffplay'],
    setting: 'ffplay',
    platform: 'linux',
    expected: 'ffplay',
  },
  {
    title: 'a configured player is used on any platform',
    installed: ['aplay', 'play'],
    setting: 'play',
    platform: 'darwin',
    expected: 'play',
  },
];

describe('voice mode, doctor and replay pick the same player', () => {
  it('the table starts with the platform’s own player, then SoX, then FFmpeg', () => {
    expect(autoPlayerOrder('linux')).toEqual(['aplay', 'play', 'ffplay']);
    expect(autoPlayerOrder('darwin')).toEqual(['afplay', 'play', 'ffplay']);
  });

  for (const c of cases) {
    it(c.title, async () => {
      const { bin, env, recording, played } = fakePlayers(c.installed);
      const voice = await pickPlayer({ command: c.setting, env, platform: c.platform });
      expect(voice).toBeInstanceOf(ProcessPlayer);
      expect(voice.description).toBe(`${c.expected} (${join(bin, c.expected)})`);

      const doctor = await playbackCheck(c.setting, { env, platform: c.platform });
      expect(doctor).toMatchObject({ name: 'Playback', status: 'ok', detail: voice.description });

      const replay = new ReplayAudio({ player: () => c.setting, env, platform: c.platform });
      await replay.play('no-session', recording);
      expect(played()).toHaveLength(1);
      expect(played()[0]).toMatch(new RegExp(`^${c.expected} .*${recording}$`));
    });
  }

  it('a configured player that is not installed: doctor says what voice mode and replay say', async () => {
    const { env, recording, played } = fakePlayers(['aplay']);
    const refusal = await pickPlayer({ command: 'play', env }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(refusal).toBe('play is not installed.');
    const doctor = await playbackCheck('play', { env });
    expect(doctor).toMatchObject({ status: 'missing', detail: refusal, fix: expect.stringMatching(/Install SoX/) });
    const replay = new ReplayAudio({ player: () => 'play', env });
    await expect(replay.play('no-session', recording)).rejects.toThrow(/^play is not installed\. Install SoX/);
    expect(played()).toEqual([]); // aplay was there, but it is not what was asked for
  });

  it('file:<dir> and unknown names are handled the same in all three', async () => {
    const { env } = fakePlayers([]);
    const sink = await pickPlayer({ command: 'file:/tmp/spoken', env });
    expect((await playbackCheck('file:/tmp/spoken', { env })).detail).toBe(sink.description);
    expect(sink.description).toBe('writing audio to /tmp/spoken');
    const doctor = await playbackCheck('boombox', { env });
    expect(doctor).toMatchObject({ status: 'missing', detail: 'Unknown audio player: boombox' });
    expect(doctor.fix).toMatch(/auto, aplay, play, afplay, ffplay, speaker or file:<dir>/);
  });
});
