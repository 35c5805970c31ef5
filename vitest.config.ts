import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/isolate-home.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    coverage: {
      provider: 'v8',
      // In-process code only: the CLI tests run the built binary in a child process, which v8 does not follow.
      include: ['src/**'],
      reporter: ['text-summary', 'html'],
    },
  },
});
