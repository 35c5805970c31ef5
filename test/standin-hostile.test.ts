import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HOSTILE_MARKERS,
  HOSTILE_PIECES,
  HOSTILE_TEXT,
  UNSAFE,
  hostileModelName,
  startStandin,
  type Standin,
} from './support/ollama-standin.mjs';

// The stand-in's hostile host: its knobs send exactly what they are given, through the real client.
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const CLI = fileURLToPath(new URL('./support/ollama-standin-cli.mjs', import.meta.url));
const user = [{ role: 'user', content: 'Hello?' }];

describe('ollama stand-in: a hostile host', () => {
  it('HOSTILE_TEXT holds every piece, and each marker is in it or in the hostile model name', () => {
    for (const piece of Object.values(HOSTILE_PIECES)) expect(HOSTILE_TEXT).toContain(piece);
    for (const marker of HOSTILE_MARKERS) expect(`${HOSTILE_TEXT}|${hostileModelName()}`).toContain(marker);
    expect(HOSTILE_TEXT).toMatch(UNSAFE);
    expect(hostileModelName()).toMatch(UNSAFE);
  });

  it('routeErrors answers a route with that HTTP error, its text exactly as given', async () => {
    standin = await startStandin({ routeErrors: { '/api/tags': { status: 500, error: HOSTILE_TEXT } } });
    const client = new Ollama({ host: standin.url });
    await expect(client.list()).rejects.toMatchObject({ status_code: 500, error: HOSTILE_TEXT });
    expect(standin.requests.map((r) => r.path)).toEqual(['/api/tags']);
    // Other routes answer as usual; setOptions lifts the fault.
    expect((await client.version()).version).toBeTruthy();
    standin.setOptions({ routeErrors: {} });
    expect((await client.list()).models.length).toBeGreaterThan(0);
  });

  it('rawDoneReason is sent as done_reason whatever it says; a hostile model name is listed as it is', async () => {
    standin = await startStandin({
      models: ['mistral:latest', hostileModelName()],
      reply: () => ({ text: HOSTILE_TEXT, rawDoneReason: HOSTILE_TEXT }),
    });
    const client = new Ollama({ host: standin.url });
    const parts = [];
    for await (const part of await client.chat({ model: 'mistral', messages: user, stream: true })) parts.push(part);
    expect(parts.map((p) => p.message.content).join('')).toBe(HOSTILE_TEXT);
    expect(parts.at(-1)?.done_reason).toBe(HOSTILE_TEXT);
    expect((await client.list()).models.map((m) => m.name)).toContain(hostileModelName());
  });

  it('the stand-in CLI: --hostile names,replies,done-reason,tags-error', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--hostile', 'names,replies,done-reason,tags-error']);
    try {
      const lines = createInterface({ input: child.stdout });
      const url = await new Promise<string>((resolve, reject) => {
        lines.once('line', (line) => resolve(line.replace(/^listening /, '')));
        child.once('exit', (code) => reject(new Error(`the stand-in CLI exited ${code}`)));
      });
      const client = new Ollama({ host: url });
      await expect(client.list()).rejects.toMatchObject({ status_code: 500, error: HOSTILE_TEXT });
      const reply = await client.chat({ model: 'mistral', messages: user, stream: false });
      expect(reply.message.content.startsWith(HOSTILE_TEXT)).toBe(true);
      expect(reply.done_reason).toBe(HOSTILE_TEXT);
      await expect(client.show({ model: hostileModelName() })).resolves.toBeTruthy();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('the stand-in CLI refuses an unknown --hostile kind', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--hostile', 'names,bogus']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--hostile takes a list of');
  });
});
