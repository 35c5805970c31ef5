// @ts-check
// The built app (dist/), for the benchmarks that drive its modules in-process.
//
// Benchmarks measure what ships: the JavaScript in dist/, which `npm run bench` builds first.
// dist/ is build output: absent on a clean checkout, and without .d.ts files (the build emits
// none). A static `import '../dist/x.js'` would therefore make `npm run typecheck` depend on
// whether someone built: no dist/, and the import does not resolve; a dist/, and TypeScript
// reads the emitted JavaScript and infers looser types from it. So each module is imported at
// run time from a computed URL, which TypeScript leaves alone, and typed as the source file it
// is compiled from.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The dist/ modules the benchmarks use, each typed as its source in src/.
 * @typedef {{
 *   'core/evaluation/delivery.js': typeof import('../src/core/evaluation/delivery.js'),
 *   'core/interview/interview.js': typeof import('../src/core/interview/interview.js'),
 *   'core/llm/ollama-client.js': typeof import('../src/core/llm/ollama-client.js'),
 *   'core/roles/builtin-roles.js': typeof import('../src/core/roles/builtin-roles.js'),
 *   'core/roles/catalog.js': typeof import('../src/core/roles/catalog.js'),
 *   'db/history.js': typeof import('../src/db/history.js'),
 *   'db/open.js': typeof import('../src/db/open.js'),
 *   'db/transcripts.js': typeof import('../src/db/transcripts.js'),
 *   'model/voice-options.js': typeof import('../src/model/voice-options.js'),
 *   'voice/audio/wav.js': typeof import('../src/voice/audio/wav.js'),
 *   'voice/latency.js': typeof import('../src/voice/latency.js'),
 *   'voice/capture/endpointer.js': typeof import('../src/voice/capture/endpointer.js'),
 *   'voice/capture/high-pass.js': typeof import('../src/voice/capture/high-pass.js'),
 *   'voice/capture/level.js': typeof import('../src/voice/capture/level.js'),
 *   'voice/capture/vad.js': typeof import('../src/voice/capture/vad.js'),
 *   'voice/playback/file-sink.js': typeof import('../src/voice/playback/file-sink.js'),
 *   'voice/session.js': typeof import('../src/voice/session.js'),
 *   'voice/stt/whisper-worker.js': typeof import('../src/voice/stt/whisper-worker.js'),
 *   'voice/tts/piper.js': typeof import('../src/voice/tts/piper.js'),
 *   'voice/tts/speech-output.js': typeof import('../src/voice/tts/speech-output.js'),
 *   'tui/answer-editor.js': typeof import('../src/tui/answer-editor.js'),
 *   'tui/answer-window.js': typeof import('../src/tui/answer-window.js'),
 *   'tui/text-layout.js': typeof import('../src/tui/text-layout.js'),
 * }} BuiltModules
 */

/**
 * Imports dist/<path>, failing with a clear message when the app has not been built.
 * @template {keyof BuiltModules} P
 * @param {P} path relative to dist/
 * @returns {Promise<BuiltModules[P]>}
 */
export async function built(path) {
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(url)) throw new Error(`${fileURLToPath(url)} is missing: run \`npm run build\` first`);
  /** @type {unknown} */
  const module = await import(url.href);
  return /** @type {BuiltModules[P]} */ (module);
}
