import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commandOf } from '../src/core/interview/answer-commands.js';
import { ParagraphAnswers, parseAnswer } from '../src/core/interview/paragraph-answers.js';

describe('commands typed as a whole answer', () => {
  it('/quit and /exit end the interview like /end, in any case and with spaces around', () => {
    for (const text of ['/end', '/quit', ' /QUIT ', '/exit', '/Exit'])
      expect(parseAnswer(text)).toEqual({ type: 'end' });
    expect(parseAnswer('/skip')).toEqual({ type: 'skip' });
  });

  it('only a slash and letters is a command; an answer that starts with a slash is an answer', () => {
    expect(commandOf('/fnord')).toEqual({ name: 'fnord', command: null });
    expect(commandOf('/help')).toEqual({ name: 'help', command: 'help' });
    for (const text of ['/usr/bin is on the PATH', '/etc/hosts', '/2 of the cases', '/end now', 'use /end']) {
      expect(commandOf(text)).toBeNull();
      expect(parseAnswer(text)).toMatchObject({ type: 'answer', text });
    }
  });

  it('piped answers: a paragraph of /quit ends the interview', async () => {
    const input = new PassThrough();
    const answers = new ParagraphAnswers(input);
    input.end('First answer.\n\n/quit\n');
    expect(await answers.next()).toMatchObject({ type: 'answer', text: 'First answer.' });
    expect(await answers.next()).toEqual({ type: 'end' });
  });
});
