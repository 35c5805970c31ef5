import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VoiceStatus } from '../src/tui/components/VoiceStatus.js';
import { printVoiceEvent } from '../src/app/interview/print-voice-event.js';

afterEach(() => vi.restoreAllMocks());

describe('the still-listening state (answer grace window)', () => {
  it('the TUI says it is still listening, with the level meter and the Enter key to finish', () => {
    const { lastFrame, unmount } = render(<VoiceStatus state="still-listening" level={0.2} pushToTalk={false} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('still listening… go on, or press Enter if you are done');
    expect(frame).toContain('█░');
    unmount();
  });

  it('the plain printer says it on stderr', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    printVoiceEvent({ type: 'state', state: 'still-listening' }, false);
    expect(written.join('')).toContain('still listening (go on if you were not done)');
  });
});
