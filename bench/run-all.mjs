// @ts-check
// npm run bench: every benchmark, one after the other, figures on stdout.
import { run as firstToken } from './first-token.mjs';
import { run as coldStart } from './cold-start.mjs';
import { run as history } from './history.mjs';
import { run as searchHugeTurn } from './search-huge-turn.mjs';
import { run as exportMemory } from './export-memory.mjs';
import { run as voice } from './voice.mjs';
import { run as voiceLatency } from './voice-latency.mjs';
import { run as answerBox } from './answer-box.mjs';
import { run as vad } from './vad.mjs';
import { run as concurrency } from './concurrency.mjs';

console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
await firstToken();
console.log();
await coldStart();
console.log();
await history();
console.log();
await searchHugeTurn();
console.log();
await exportMemory();
console.log();
await voice();
console.log();
await voiceLatency();
console.log();
await answerBox();
console.log();
await vad();
await concurrency();
