import { existsSync, readFileSync } from 'node:fs';
import { errorMessage } from '../shared/errors.js';
import { run } from '../shared/exec.js';
import { dataDir, ensurePrivateDir } from '../shared/paths.js';
import { displayWidth, firstLine, pad, wrap } from '../shared/text.js';
import { cleanLine } from '../shared/sanitize.js';
import { parseEndpoint } from '../core/llm/provider.js';
import { openLlm } from './llm-client.js';
import { checkAvailability } from '../core/llm/preflight.js';
import type { VoiceOptions } from '../model/voice-options.js';
import type { Check } from './check.js';
import { microphoneCheck, playbackCheck } from './device-checks.js';

/** The device checks live in device-checks.ts; the player check is also used on its own. */
export { playbackCheck };

export type { Check, CheckStatus } from './check.js';

/** A quick command for a check: its exit, output and whether it exists at all. */
async function probe(cmd: string, args: string[], timeoutMs = 5000) {
  const r = await run(cmd, args, { timeoutMs });
  return { ok: r.ok, out: r.output.trim(), missing: r.notFound };
}

const isMac = process.platform === 'darwin';

/** A Whisper size name such as base.en (not a folder): what `voice setup --model` takes. */
const isModelName = (model: string) => /^[\w.-]+$/.test(model);

/** Every dependency of text and voice interviews, checked for real, each with its fix. */
/** The name of the check of the model's server, per provider. */
export function llmCheckName(host: string): string {
  return parseEndpoint(host).provider === 'openai' ? 'OpenAI-compatible server and model' : 'Ollama and model';
}

/** The model's server: reachable, the key accepted (an OpenAI-compatible one), the model there. */
async function llmCheck(opts: { host: string; model: string; apiKeyEnv?: string }): Promise<Check> {
  const name = llmCheckName(opts.host);
  const llm = openLlm(opts, opts.model);
  const a = await checkAvailability(llm);
  // Only whether a key is set, and where from: never the key.
  const keyEnv = opts.apiKeyEnv ?? 'OPENAI_API_KEY';
  const key =
    llm.provider === 'openai'
      ? process.env[keyEnv]?.trim()
        ? `; API key from ${keyEnv}`
        : `; no API key (${keyEnv} unset)`
      : '';
  return a.ok
    ? { name, status: 'ok', detail: `${opts.model} on ${llm.address}${key}`, requiredForVoice: false }
    : {
        name,
        status: 'warn',
        detail: `${a.banner}${key} (interviews use the question bank)`,
        fix: a.hint,
        requiredForVoice: false,
      };
}

export async function runChecks(opts: {
  host: string;
  model: string;
  apiKeyEnv?: string;
  voice: VoiceOptions;
  /** Play a short test tone through the player (doctor's default; --no-sound skips it). */
  sound?: boolean;
}): Promise<Check[]> {
  const v = opts.voice;
  const checks: Promise<Check>[] = [
    Promise.resolve(nodeCheck()),
    Promise.resolve(dataDirCheck()),
    llmCheck(opts),
    (async () => {
      const sox = await probe('sox', ['--version']);
      if (!sox.ok)
        return {
          name: 'sox',
          status: 'missing',
          detail: 'not found',
          fix: isMac ? 'brew install sox' : 'sudo apt-get install sox',
          requiredForVoice: true,
        };
      // The microphone is recorded for real: a device that opens but records zeros must not pass.
      return microphoneCheck(v.input);
    })(),
    (async () => {
      const py = await probe(v.python, ['--version']);
      if (!py.ok)
        return {
          name: 'Python + faster-whisper',
          status: 'missing',
          detail: `${v.python} not found`,
          fix: `interview-coach voice setup --python /path/to/python3 (Python 3.9+; ${isMac ? 'brew install python' : 'sudo apt-get install python3 python3-venv'})`,
          requiredForVoice: true,
        };
      const fw = await probe(v.python, ['-c', 'import faster_whisper; print(faster_whisper.__version__)'], 20_000);
      if (!fw.ok)
        return {
          name: 'Python + faster-whisper',
          status: 'missing',
          detail: `${firstLine(py.out)}; faster-whisper not installed`,
          fix: 'interview-coach voice setup (installs it into a private environment; pip install into the system Python is refused on Debian 12, Ubuntu 23.04+ and Homebrew)',
          requiredForVoice: true,
        };
      const isDir = existsSync(v.sttModel);
      const model = isDir
        ? { ok: true, out: v.sttModel }
        : await probe(
            v.python,
            [
              '-c',
              `from faster_whisper.utils import download_model; print(download_model(${JSON.stringify(v.sttModel)}, local_files_only=True))`,
            ],
            20_000,
          );
      return model.ok
        ? {
            name: 'Python + faster-whisper',
            status: 'ok',
            detail: `faster-whisper ${firstLine(fw.out)}, model ${v.sttModel}`,
            requiredForVoice: true,
          }
        : {
            name: 'Python + faster-whisper',
            status: 'missing',
            detail: `model ${v.sttModel} is not downloaded`,
            fix: `interview-coach voice setup${isModelName(v.sttModel) ? ` --model ${v.sttModel}` : ''} (downloads it once)`,
            requiredForVoice: true,
          };
    })(),
    (async () => {
      const help = await probe(v.piper, ['--help']);
      if (help.missing || (!help.ok && !help.out))
        return {
          name: 'Piper voice',
          status: 'warn',
          detail: `${v.piper} not found (espeak-ng/say will speak instead)`,
          fix: 'interview-coach voice setup (installs Piper and the en_US-lessac-medium voice)',
          requiredForVoice: false,
        };
      if (!v.piperVoice)
        return {
          name: 'Piper voice',
          status: 'warn',
          detail: 'no voice configured',
          fix: 'interview-coach voice setup, or: interview-coach config set piperVoice /path/to/en_US-lessac-medium.onnx',
          requiredForVoice: false,
        };
      const ok = existsSync(v.piperVoice) && existsSync(`${v.piperVoice}.json`);
      return ok
        ? { name: 'Piper voice', status: 'ok', detail: v.piperVoice, requiredForVoice: false }
        : {
            name: 'Piper voice',
            status: 'warn',
            detail: `${v.piperVoice} or its .onnx.json is missing`,
            fix: 'interview-coach voice setup (downloads both files again), or put the .onnx and .onnx.json side by side',
            requiredForVoice: false,
          };
    })(),
    (async () => {
      const espeak = isMac ? await probe('say', ['-v', '?']) : await probe('espeak-ng', ['--version']);
      return espeak.ok
        ? {
            name: 'Fallback speech',
            status: 'ok',
            detail: isMac ? 'say' : firstLine(espeak.out),
            requiredForVoice: false,
          }
        : {
            name: 'Fallback speech',
            status: 'warn',
            detail: isMac ? 'say not found' : 'espeak-ng not found',
            fix: isMac ? 'say ships with macOS' : 'sudo apt-get install espeak-ng',
            requiredForVoice: false,
          };
    })(),
    playbackCheck(v.player, { tone: opts.sound }),
  ];
  return (await Promise.all(checks)).map(cleanCheck);
}

/**
 * A check quotes what others wrote (the host's model names and errors, the first line a tool
 * printed, paths): made one clean line each before doctor prints them, as text or JSON.
 */
function cleanCheck(check: Check): Check {
  return {
    ...check,
    detail: cleanLine(check.detail),
    ...(check.fix === undefined ? {} : { fix: cleanLine(check.fix) }),
  };
}

/** Voice needs every required part, and some way to speak (Piper or the fallback). */
export function voiceReady(checks: Check[]): boolean {
  const required = checks.filter((c) => c.requiredForVoice).every((c) => c.status === 'ok');
  const speech = checks.some((c) => (c.name === 'Piper voice' || c.name === 'Fallback speech') && c.status === 'ok');
  return required && speech;
}

/**
 * The checks as text, `columns` wide: the details and fixes fold under their own column (a fix
 * is a command to copy, so it is wrapped, never cut). Call prepareWidths() with them first.
 */
export function formatChecks(checks: Check[], columns = 80): string {
  const mark = { ok: '✓', missing: '✗', warn: '!' } as const;
  const width = Math.max(...checks.map((c) => displayWidth(c.name)));
  const indent = ' '.repeat(width + 4);
  const room = Math.max(20, columns - indent.length);
  const lines = checks.flatMap((c) => {
    const [first = '', ...rest] = wrap(c.detail, room);
    const detail = [`${mark[c.status]} ${pad(c.name, width)}  ${first}`, ...rest.map((l) => indent + l)];
    if (c.status === 'ok' || !c.fix) return detail;
    return [...detail, ...wrap(`fix: ${c.fix}`, room).map((l) => indent + l)];
  });
  return lines.join('\n');
}

/** The Node.js `engines` range package.json declares, e.g. `>=20.5`. */
export function requiredNode(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    engines?: { node?: string };
  };
  return pkg.engines?.node ?? '>=20';
}

/** Node.js at least what package.json's `engines` says (AbortSignal.any and execa need 20.5). */
export function nodeCheck(version: string = process.versions.node, range: string = requiredNode()): Check {
  const min = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  const parts = (text: string | undefined) => (text ?? '0').split('.').map((n) => Number(n) || 0);
  const have = parts(version);
  const need = min ? [Number(min[1]), Number(min[2] ?? 0), Number(min[3] ?? 0)] : [0, 0, 0];
  let ok = true;
  for (let i = 0; i < 3; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) {
      ok = a > b;
      break;
    }
  }
  return {
    name: 'Node.js',
    status: ok ? 'ok' : 'missing',
    detail: `v${version} (needs ${range})`,
    fix: `Install Node.js ${range.replace(/^>=\s*/, '')} or newer.`,
    requiredForVoice: true,
  };
}

function dataDirCheck(): Check {
  try {
    ensurePrivateDir(dataDir());
    return { name: 'Data directory', status: 'ok', detail: dataDir(), requiredForVoice: true };
  } catch (err) {
    return {
      name: 'Data directory',
      status: 'missing',
      detail: errorMessage(err),
      fix: 'Set INTERVIEW_COACH_HOME to a writable directory.',
      requiredForVoice: true,
    };
  }
}
