import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { ExitCode } from '../../shared/errors.js';
import { formatChecks, llmCheckName, runChecks, voiceReady, type Check } from '../doctor-checks.js';
import type { ProviderName } from '../../core/llm/provider.js';
import { resolveVoiceOptions } from '../start-options.js';
import { outputColumns, printLine } from '../output.js';
import { prepareWidths, wrap } from '../../shared/text.js';

export interface DoctorFlags {
  json?: boolean;
  voice?: boolean;
  host?: string;
  model?: string;
  /** Check this file as the answers' input instead of the microphone (as start --voice-input). */
  voiceInput?: string;
  /** Check this player instead of the `player` setting (as start --voice-output). */
  voiceOutput?: string;
  /** commander's --no-sound: false skips the test tone. */
  sound?: boolean;
  provider?: ProviderName;
  baseUrl?: string;
}

export async function doctorCommand(flags: DoctorFlags): Promise<ExitCode> {
  const settings = readSettings();
  const { host, model, apiKeyEnv } = resolveLlmTarget(flags, settings);
  const voice = resolveVoiceOptions({ voiceInput: flags.voiceInput, voiceOutput: flags.voiceOutput }, settings);
  const sound = flags.sound !== false;
  // Status on stderr, for a person waiting: the checks run together and take a second or two.
  if (process.stderr.isTTY)
    process.stderr.write(
      `Checking… (recording ${voice.input ? 'from the file' : '1 s from the microphone'}${sound ? ', playing a short tone' : ''})\n`,
    );
  const checks = await runChecks({ host, model, apiKeyEnv, voice, sound });
  const server = llmCheckName(host).startsWith('Ollama') ? 'Ollama' : 'the server';
  const ready = voiceReady(checks);
  if (flags.json) {
    printLine(process.stdout, JSON.stringify({ voiceReady: ready, checks }, null, 2));
  } else {
    await prepareWidths(checks.flatMap((c) => [c.name, c.detail, c.fix ?? '']));
    printLine(process.stdout, formatChecks(checks, outputColumns()));
    printLine(process.stdout);
    printLine(
      process.stdout,
      `Text interviews: ready${checks.find((c) => c.name === llmCheckName(host))?.status === 'ok' ? ` (with ${server})` : ` (question bank until ${server} is set up)`}.`,
    );
    printLine(process.stdout, wrap(voiceSummary(checks, ready), outputColumns()).join('\n'));
  }
  return flags.voice && !ready ? ExitCode.failure : ExitCode.ok;
}

/** The last line: ready, or what stands in the way (a warning such as a silent microphone too). */
function voiceSummary(checks: Check[], ready: boolean): string {
  if (ready) return 'Voice interviews: ready.';
  const blocking = checks.filter((c) => c.requiredForVoice && c.status !== 'ok').map((c) => c.name);
  if (blocking.length === 0) blocking.push('a speech engine (Piper or the fallback)');
  return `Voice interviews: not ready: ${blocking.join(', ')} (see the fixes above).`;
}
