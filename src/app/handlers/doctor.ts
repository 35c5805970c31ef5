import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { ExitCode } from '../../shared/errors.js';
import { formatChecks, runChecks, voiceReady } from '../doctor-checks.js';
import { resolveVoiceOptions } from '../start-options.js';
import { outputColumns, printLine } from '../output.js';
import { prepareWidths } from '../../shared/text.js';

export interface DoctorFlags {
  json?: boolean;
  voice?: boolean;
  host?: string;
  model?: string;
}

export async function doctorCommand(flags: DoctorFlags): Promise<ExitCode> {
  const settings = readSettings();
  const { host, model } = resolveLlmTarget(flags, settings);
  const checks = await runChecks({ host, model, voice: resolveVoiceOptions({}, settings) });
  const ready = voiceReady(checks);
  if (flags.json) {
    printLine(process.stdout, JSON.stringify({ voiceReady: ready, checks }, null, 2));
  } else {
    await prepareWidths(checks.flatMap((c) => [c.name, c.detail, c.fix ?? '']));
    printLine(process.stdout, formatChecks(checks, outputColumns()));
    printLine(process.stdout);
    printLine(
      process.stdout,
      `Text interviews: ready${checks.find((c) => c.name === 'Ollama and model')?.status === 'ok' ? ' (with Ollama)' : ' (question bank until Ollama is set up)'}.`,
    );
    printLine(process.stdout, `Voice interviews: ${ready ? 'ready' : 'not ready, see ✗ above'}.`);
  }
  return flags.voice && !ready ? ExitCode.failure : ExitCode.ok;
}
