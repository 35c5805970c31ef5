// @ts-check
// The baseline: the least code that streams a reply with the `ollama` client. One chat per
// stdin line; tokens go straight to stdout, then a <done> marker.
import { Ollama } from 'ollama';
import { createInterface } from 'node:readline';

const client = new Ollama({ host: process.argv[2] });
const messages = [{ role: 'system', content: 'You are an interviewer.' }];
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  messages.push({ role: 'user', content: line });
  const stream = await client.chat({ model: 'mistral', messages, stream: true });
  let reply = '';
  for await (const part of stream) {
    reply += part.message.content;
    process.stdout.write(part.message.content);
  }
  messages.push({ role: 'assistant', content: reply });
  process.stdout.write('\n<done>\n');
}
