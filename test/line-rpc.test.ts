/**
 * The JSON-lines RPC on its own, with a tiny worker written here (the Whisper client's tests in
 * stt.test.ts cover queueing, timeouts, aborts and close through it).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LineRpc, type LineRpcErrors, type LineRpcOptions } from '../src/voice/stt/line-rpc.js';

/** A worker that greets, then answers each request with its own body, and exits on "bye". */
const ECHO_WORKER = `
const rl = require('node:readline').createInterface({ input: process.stdin });
console.error('loading');
console.log('a print before the handshake');
console.log(JSON.stringify({ type: 'ready', flavour: 'echo' }));
rl.on('line', (line) => {
  const req = JSON.parse(line);
  if (req.op === 'bye') { console.error('bye now'); process.exit(5); }
  console.log(JSON.stringify({ id: req.id, ok: req.op !== 'fail', echo: req }));
});
`;

/** Errors that say which hook made them. */
const errors: LineRpcErrors = {
  startFailed: (e) => new Error(`startFailed ${e.code}`),
  notReady: (ms) => new Error(`notReady ${ms}`),
  fatal: () => new Error('fatal'),
  requestFailed: (msg) => new Error(`requestFailed ${String(msg.id)}`),
  requestTimedOut: (ms) => new Error(`requestTimedOut ${ms}`),
  exited: (how) => new Error(`exited ${JSON.stringify(how)}`),
  closed: () => new Error('closed'),
  aborted: () => new Error('aborted'),
};

const rpcs: LineRpc[] = [];
afterEach(async () => {
  await Promise.all(rpcs.splice(0).map((rpc) => rpc.close()));
});

function echoRpc(opts: Partial<LineRpcOptions> = {}): LineRpc {
  const script = join(mkdtempSync(join(tmpdir(), 'ic-rpc-')), 'echo-worker.cjs');
  writeFileSync(script, ECHO_WORKER);
  const rpc = new LineRpc({
    command: process.execPath,
    args: [script],
    env: process.env,
    readyTimeoutMs: 10_000,
    requestTimeoutMs: 10_000,
    closeGraceMs: 1000,
    errors,
    ...opts,
  });
  rpcs.push(rpc);
  return rpc;
}

describe('LineRpc', () => {
  it('waits for the ready line, numbers the requests and matches each answer to its request', async () => {
    const rpc = echoRpc();
    expect(await rpc.start()).toEqual({ type: 'ready', flavour: 'echo' });
    const [a, b] = await Promise.all([rpc.request({ op: 'one' }), rpc.request({ op: 'two' })]);
    expect(a.echo).toEqual({ id: '1', op: 'one' });
    expect(b.echo).toEqual({ id: '2', op: 'two' });
    expect(rpc.ignoredLines).toEqual(['a print before the handshake']);
    expect(rpc.stderrLines).toEqual(['loading']);
  });

  it('words every failure with the caller’s errors', async () => {
    const rpc = echoRpc();
    await rpc.start();
    await expect(rpc.request({ op: 'fail' })).rejects.toThrow('requestFailed 1');
    await expect(rpc.request({ op: 'bye' })).rejects.toThrow(
      'exited {"beforeReady":false,"code":5,"signal":null,"lastStderr":"bye now"}',
    );
    await expect(rpc.request({ op: 'again' })).rejects.toThrow(/^exited/);

    const missing = echoRpc({ command: '/nonexistent/python3' });
    await expect(missing.start()).rejects.toThrow('startFailed ENOENT');

    const refused = echoRpc({ precheck: () => new Error('no script') });
    await expect(refused.start()).rejects.toThrow('no script');
  });
});
