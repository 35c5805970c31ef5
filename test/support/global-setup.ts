import { existsSync } from 'node:fs';

/** The CLI tests run the built binary: fail early and clearly if `npm run build` was skipped. */
export default function setup(): void {
  if (!existsSync(new URL('../../dist/cli.js', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` (or `npm test`, which builds first).');
  }
}
