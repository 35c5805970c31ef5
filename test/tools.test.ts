import { afterEach, describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';

describe('hasTool (REQUIRE_TOOLS turns a skip into a failure)', () => {
  const saved = process.env.REQUIRE_TOOLS;
  afterEach(() => {
    if (saved === undefined) delete process.env.REQUIRE_TOOLS;
    else process.env.REQUIRE_TOOLS = saved;
  });

  it('finds a tool that is there and reports one that is not', () => {
    delete process.env.REQUIRE_TOOLS;
    expect(hasTool(process.execPath, ['-e', '0'])).toBe(true);
    expect(hasTool('no-such-tool-ic-test')).toBe(false);
  });

  it('with REQUIRE_TOOLS=1 a missing tool throws, naming the command to install', () => {
    process.env.REQUIRE_TOOLS = '1';
    expect(() => hasTool('no-such-tool-ic-test')).toThrow(/no-such-tool-ic-test is required \(REQUIRE_TOOLS=1\)/);
  });

  it('a tool of another platform is never required', () => {
    process.env.REQUIRE_TOOLS = '1';
    const other: NodeJS.Platform = process.platform === 'darwin' ? 'linux' : 'darwin';
    expect(hasTool('no-such-tool-ic-test', ['--version'], other)).toBe(false);
  });
});
