// npm run bench: every benchmark, one after the other, figures on stdout.
import { run as firstToken } from './first-token.mjs';
import { run as coldStart } from './cold-start.mjs';

console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
await firstToken();
console.log();
await coldStart();
