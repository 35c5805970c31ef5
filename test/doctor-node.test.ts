import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeCheck, requiredNode } from '../src/app/doctor-checks.js';

describe('doctor: the Node.js check follows package.json engines', () => {
  it('reads the same range package.json declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string };
    };
    expect(requiredNode()).toBe(pkg.engines.node);
    expect(requiredNode()).toBe('>=20.5');
  });

  it.each([
    ['20.4.9', 'missing'],
    ['20.5.0', 'ok'],
    ['20.20.2', 'ok'],
    ['19.9.0', 'missing'],
    ['22.0.0', 'ok'],
  ])('Node %s against >=20.5 is %s', (version, status) => {
    const check = nodeCheck(version, '>=20.5');
    expect(check.status).toBe(status);
    expect(check.detail).toBe(`v${version} (needs >=20.5)`);
    if (status !== 'ok') expect(check.fix).toBe('Install Node.js 20.5 or newer.');
  });

  it('this machine passes', () => {
    expect(nodeCheck().status).toBe('ok');
  });
});
