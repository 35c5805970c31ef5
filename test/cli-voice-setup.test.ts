/**
 * `interview-coach voice setup` and `voice remove`, run as the built CLI against a fake base
 * Python and a fake pip (test/support/voice-setup/: no network, no PyPI here). What runs inside
 * the venv runs for real in python3, against stub packages with the real download functions'
 * interfaces. The failures are the texts real pip and Debian's Python print, captured there.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { spawnCli } from './support/spawn-cli.js';
import { hasTool } from './support/tools.js';
import { waitFor } from './support/wait.js';
import { BUILD_WHEELS, callKinds, realPython, setupHome, type SetupHome } from './support/voice-setup/fixture.js';

const PYTHON = hasTool('python3') ? realPython() : null;
const LONG = 120_000;
const setup = (h: SetupHome, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(['voice', 'setup', ...args], { env: h.env(env), timeoutMs: LONG });

function expectNothingSaved(h: SetupHome): void {
  expect(h.settings()).toBeNull();
}

it('the top-level help lists voice; voice, voice setup and voice remove each have examples', async () => {
  expect((await runCli(['--help'])).stdout).toMatch(/^ {2}voice\b/m);
  for (const args of [['voice'], ['voice', 'setup'], ['voice', 'remove']]) {
    const r = await runCli([...args, '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`$ interview-coach ${args.length === 1 ? 'voice setup' : args.join(' ')}`);
  }
});

describe.skipIf(!PYTHON)('voice setup with a fake python and pip', () => {
  const python = PYTHON ?? 'python3';

  it(
    'builds the venv, installs, downloads, then saves the four settings; a second run skips every step',
    async () => {
      const h = setupHome(python);
      const r = await setup(h, ['--json'], { COLUMNS: '120' });
      expect(r.exitCode, r.stderr).toBe(0);
      const venv = join(h.voice, 'venv');
      const model = join(h.voice, 'models', 'faster-whisper-base.en');
      const onnx = join(h.voice, 'piper', 'en_US-lessac-medium.onnx');

      // The right commands, in the right order, with the base python3 found in PATH.
      expect(callKinds(h.calls())).toEqual([
        'python',
        'python -m venv',
        'pip install',
        'download_model',
        'download_voices',
      ]);
      const calls = h.calls();
      expect(calls[1]).toEqual({ python: ['-m', 'venv', venv] });
      expect(calls[2]).toEqual({ pip: ['install', '--progress-bar', 'off', 'faster-whisper', 'piper-tts'] });
      expect(calls[3]).toEqual({ download_model: 'base.en', output_dir: `${model}.partial` });
      expect(calls[4]).toEqual({
        download_voices: ['en_US-lessac-medium'],
        download_dir: join(h.voice, 'piper', '.partial'),
      });

      // Everything in place, the staging folders gone, and the settings pointing at it.
      for (const f of ['model.bin', 'config.json', 'tokenizer.json']) expect(existsSync(join(model, f))).toBe(true);
      expect(existsSync(`${model}.partial`)).toBe(false);
      expect(JSON.parse(readFileSync(`${onnx}.json`, 'utf8'))).toMatchObject({ audio: { sample_rate: 22050 } });
      expect(existsSync(join(h.voice, 'piper', '.partial'))).toBe(false);
      const saved = {
        python: join(venv, 'bin', 'python'),
        sttModel: model,
        piper: join(venv, 'bin', 'piper'),
        piperVoice: onnx,
      };
      expect(h.settings()).toEqual(saved);
      const summary = JSON.parse(r.stdout) as { settings: unknown; steps: { step: string; status: string }[] };
      expect(summary.settings).toEqual(saved);
      expect(summary.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
        'python:done',
        'venv:done',
        'packages:done',
        'model:done',
        'voice:done',
      ]);
      // Progress on stderr: a line per step, pip's own lines under it (cut to COLUMNS).
      for (let n = 1; n <= 5; n++) expect(r.stderr).toContain(`[${n}/5] `);
      expect(r.stderr).toContain('│ Successfully installed ctranslate2-4.6.0 faster-whisper-1.2.1 piper-tts-1.3.0');
      expect(readFileSync(join(h.voice, 'setup.log'), 'utf8')).toContain('Using cached ctranslate2');

      // The settings' piper is the console script pip made: it runs (the same probe doctor makes).
      const help = await execa(saved.piper, ['--help'], { reject: false });
      expect(help.exitCode, help.stderr).toBe(0);

      const before = h.calls().length;
      const again = await setup(h, ['--json']);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(callKinds(h.calls().slice(before))).toEqual(['python']); // only the version check
      const steps = (JSON.parse(again.stdout) as { steps: { step: string; status: string }[] }).steps;
      expect(steps.filter((s) => s.status === 'skipped').map((s) => s.step)).toEqual([
        'venv',
        'packages',
        'model',
        'voice',
      ]);
      expect(again.stderr).toContain('already done, skipped');

      // --force redoes every step.
      const mark = h.calls().length;
      const forced = await setup(h, ['--force']);
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(callKinds(h.calls().slice(mark))).toEqual([
        'python',
        'python -m venv',
        'pip install',
        'download_model',
        'download_voices',
      ]);
    },
    LONG * 3,
  );

  it(
    'offline at pip: the "no network" line, exit 1, nothing saved; online again it carries on from the venv',
    async () => {
      const h = setupHome(python);
      const r = await setup(h, [], { FAKE_PIP_FAIL: 'offline' });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(
        '✖ No network: voice setup needs internet once to download about 350 MB; run it again when online.',
      );
      expectNothingSaved(h);

      const mark = h.calls().length;
      const next = await setup(h);
      expect(next.exitCode, next.stderr).toBe(0);
      expect(callKinds(h.calls().slice(mark))).toEqual(['python', 'pip install', 'download_model', 'download_voices']);
      expect(h.settings()).not.toBeNull();
    },
    LONG * 2,
  );

  it.each([
    ['externally-managed', 'pip refused to install into the private environment ("externally managed").', '--force'],
    ['disk-full', '✖ The disk is full: voice setup ran out of space in', 'Free about 1000 MB'],
    ['no-match', '✖ pip found no version of ctranslate2<5,>=4.0 for', '--python'],
  ])(
    'pip failing with %s: its own line and next step, exit 1, nothing saved',
    async (kind, message, hint) => {
      const h = setupHome(python);
      const r = await setup(h, [], { FAKE_PIP_FAIL: kind });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain(hint);
      expectNothingSaved(h);
    },
    LONG,
  );

  it(
    'python3-venv missing (the real ensurepip message): the apt line with the versioned package; the half-built venv is redone next time',
    async () => {
      const h = setupHome(python);
      const r = await setup(h, [], { FAKE_PYTHON_VENV: 'ensurepip' });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('cannot create a virtual environment: its venv/ensurepip module is missing.');
      expect(r.stderr).toContain('sudo apt-get install python3-venv (for this Python: python3.11-venv)');
      expectNothingSaved(h);
      expect(existsSync(join(h.voice, 'venv', 'bin', 'python'))).toBe(true); // what it left behind

      const mark = h.calls().length;
      const next = await setup(h);
      expect(next.exitCode, next.stderr).toBe(0);
      expect(next.stderr).toContain('a half-built one is there: building it again');
      expect(callKinds(h.calls().slice(mark)).slice(0, 3)).toEqual(['python', 'python -m venv', 'pip install']);
    },
    LONG * 2,
  );

  it(
    'no python3, or one too old: one line with the install command, exit 1, before anything is made',
    async () => {
      const h = setupHome(python);
      const missing = await setup(h, ['--python', '/nonexistent/python3']);
      expect(missing.exitCode).toBe(1);
      expect(missing.stderr).toContain('✖ Python 3 was not found (/nonexistent/python3).');
      expect(missing.stderr).toContain('sudo apt-get install python3 python3-venv');
      const old = await setup(h, [], { FAKE_PYTHON_VERSION: '3.8' });
      expect(old.exitCode).toBe(1);
      expect(old.stderr).toContain('is Python 3.8; faster-whisper and piper-tts need 3.9 or newer.');
      expect(existsSync(join(h.voice, 'venv'))).toBe(false);
      expectNothingSaved(h);
    },
    LONG,
  );

  it(
    'the model download offline, or a voice the server does not have: said plainly, nothing saved, the venv kept',
    async () => {
      const h = setupHome(python);
      const offline = await setup(h, [], { FAKE_HF_OFFLINE: '1' });
      expect(offline.exitCode).toBe(1);
      expect(offline.stderr).toContain('✖ No network: voice setup needs internet once');
      expectNothingSaved(h);
      expect(existsSync(join(h.voice, 'models', 'faster-whisper-base.en'))).toBe(false);

      const mark = h.calls().length;
      const unknown = await setup(h, ['--voice', 'en_US-nobody-medium']);
      expect(unknown.exitCode).toBe(1);
      expect(unknown.stderr).toContain('✖ There is no Piper voice en_US-nobody-medium to download (HTTP 404).');
      expect(callKinds(h.calls().slice(mark))).toEqual(['python', 'download_model', 'download_voices']);
      expectNothingSaved(h);
    },
    LONG * 2,
  );

  it('a bad --model, --voice or --python is a usage error (exit 2) before anything runs', async () => {
    const h = setupHome(python);
    const model = await setup(h, ['--model', 'huge.en']);
    expect(model.exitCode).toBe(2);
    expect(model.stderr).toContain('✖ Unknown Whisper model "huge.en".');
    const voice = await setup(h, ['--voice', '../../etc/passwd']);
    expect(voice.exitCode).toBe(2);
    expect(voice.stderr).toContain('is not a Piper voice name.');
    // The venv's own python cannot build the venv (a rebuild deletes it first).
    const own = await setup(h, ['--python', join(h.voice, 'venv', 'bin', 'python')]);
    expect(own.exitCode).toBe(2);
    expect(own.stderr).toContain('is inside the environment voice setup builds');
    expect(h.calls()).toEqual([]);
  });

  it(
    "pip's output reaches the terminal without its escape sequences; the log keeps it as it was",
    async () => {
      const h = setupHome(python);
      const r = await setup(h, [], { FAKE_PIP_HOSTILE: '1' });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain('│ Collecting faster-whisper');
      expect(r.stderr).not.toContain('\u001B');
      expect(r.stderr).not.toContain('\u0007');
      expect(readFileSync(join(h.voice, 'setup.log'), 'utf8')).toContain('\u001B]0;pwned');
    },
    LONG,
  );

  it(
    'Ctrl-C during pip: exit 130, settings unchanged; the next run carries on without rebuilding the venv',
    async () => {
      const h = setupHome(python);
      const first = await runCli(['config', 'set', 'piper', '/opt/my/piper'], { env: h.env() });
      expect(first.exitCode, first.stderr).toBe(0);
      const cli = spawnCli(h.home, ['voice', 'setup'], h.env({ FAKE_PIP_HANG: '1' }));
      await waitFor(() => cli.stderr().includes('│ Collecting faster-whisper'), 'pip to start', LONG);
      cli.child.kill('SIGINT');
      const end = await cli.closed;
      expect(end.code).toBe(130);
      expect(cli.stderr()).toContain('Voice setup was stopped; your settings are unchanged.');
      expect(h.settings()).toEqual({ piper: '/opt/my/piper' });

      const mark = h.calls().length;
      const next = await setup(h);
      expect(next.exitCode, next.stderr).toBe(0);
      expect(callKinds(h.calls().slice(mark))).toEqual(['python', 'pip install', 'download_model', 'download_voices']);
      expect(h.settings()?.piper).toBe(join(h.voice, 'venv', 'bin', 'piper'));
    },
    LONG * 2,
  );

  it(
    'voice remove deletes the folder and resets only the settings that point into it',
    async () => {
      const h = setupHome(python);
      expect((await setup(h)).exitCode).toBe(0);
      const mine = await runCli(['config', 'set', 'piperVoice', '/opt/voices/mine.onnx'], { env: h.env() });
      expect(mine.exitCode, mine.stderr).toBe(0);
      const r = await runCli(['voice', 'remove'], { env: h.env() });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(existsSync(h.voice)).toBe(false);
      expect(h.settings()).toEqual({ piperVoice: '/opt/voices/mine.onnx' });
      expect(r.stderr).toContain('Settings back to their defaults: python, sttModel, piper.');
      const twice = await runCli(['voice', 'remove'], { env: h.env() });
      expect(twice.exitCode).toBe(0);
      expect(twice.stderr).toContain('Nothing to remove');
    },
    LONG,
  );
});

describe.skipIf(!PYTHON)('doctor points to voice setup', () => {
  it(
    'for faster-whisper missing from the configured Python, and for a missing Piper',
    async () => {
      const h = setupHome(PYTHON ?? 'python3');
      for (const [key, value] of [
        ['python', PYTHON ?? 'python3'],
        ['piper', '/nonexistent/piper'],
      ]) {
        expect((await runCli(['config', 'set', key ?? '', value ?? ''], { env: h.env() })).exitCode).toBe(0);
      }
      const r = await runCli(['doctor', '--json', '--host', 'http://127.0.0.1:9'], { env: h.env(), timeoutMs: LONG });
      const checks = (JSON.parse(r.stdout) as { checks: { name: string; status: string; fix?: string }[] }).checks;
      const whisper = checks.find((c) => c.name === 'Python + faster-whisper');
      expect(whisper).toMatchObject({ status: 'missing', fix: expect.stringMatching(/^interview-coach voice setup /) });
      const piper = checks.find((c) => c.name === 'Piper voice');
      expect(piper).toMatchObject({ status: 'warn', fix: expect.stringMatching(/^interview-coach voice setup /) });
    },
    LONG,
  );
});

/** A real `python3 -m venv` (with ensurepip) and a real pip, offline, installing wheels built from the stubs. */
const REAL_VENV = PYTHON !== null && hasTool('python3', ['-c', 'import ensurepip, venv']);

describe.skipIf(!REAL_VENV)('voice setup with a real venv and a real pip (offline wheels)', () => {
  it(
    'creates a real venv, pip installs and makes the piper console script, then saves the settings',
    async () => {
      const h = setupHome(PYTHON ?? 'python3');
      const wheels = join(h.home, '..', 'wheels');
      await execa('python3', [BUILD_WHEELS, wheels]);
      // Real pip, told to use only the local wheels and no config of this machine.
      const env = { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, PIP_CONFIG_FILE: '/dev/null' };
      const r = await runCli(['voice', 'setup', '--python', PYTHON ?? 'python3'], { env: h.env(env), timeoutMs: LONG });
      expect(r.exitCode, r.stderr).toBe(0);
      const venv = join(h.voice, 'venv');
      expect(readFileSync(join(venv, 'pyvenv.cfg'), 'utf8')).toContain('home =');
      expect(r.stderr).toContain('Successfully installed faster-whisper-1.2.1 piper-tts-1.3.0');
      // pip wrote the console script from piper-tts's entry point; it runs the package's main.
      const help = await execa(join(venv, 'bin', 'piper'), ['--help'], { reject: false });
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain('--output-dir-naming');
      expect(h.settings()).toMatchObject({ python: join(venv, 'bin', 'python'), piper: join(venv, 'bin', 'piper') });
      rmSync(wheels, { recursive: true, force: true });
    },
    LONG * 2,
  );
});
