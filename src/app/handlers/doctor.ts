import { readSettings } from '../settings.js';
import { resolveLlmTarget } from '../start-options.js';
import { ExitCode } from '../../shared/errors.js';
import { formatChecks, llmCheckName, runChecks, voiceReady } from '../doctor-checks.js';
import type { ProviderName } from '../../core/llm/provider.js';
import { resolveVoiceOptions } from '../start-options.js';
import { outputColumns, printLine } from '../output.js';
import { prepareWidths } from '../../shared/text.js';

export interface DoctorFlags {
  json?: boolean;
  voice?: boolean;
  host?: string;
  model?: string;
  provider?: ProviderName;
  baseUrl?: string;
}

export async function doctorCommand(flags: DoctorFlags): Promise<ExitCode> {
  const settings = readSettings();
  const { host, model, apiKeyEnv } = resolveLlmTarget(flags, settings);
  const checks = await runChecks({ host, model, apiKeyEnv, voice: resolveVoiceOptions({}, settings) });
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
    printLine(process.stdout, `Voice interviews: ${ready ? 'ready' : 'not ready, see ✗ above'}.`);
  }
  return flags.voice && !ready ? ExitCode.failure : ExitCode.ok;
}
