import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests never touch the real data dir: every test file gets its own INTERVIEW_COACH_HOME.
process.env.INTERVIEW_COACH_HOME = mkdtempSync(join(tmpdir(), 'ic-test-'));
delete process.env.OLLAMA_HOST;
// In-process Ink renders as it does for a person at a terminal, not in its CI mode (is-in-ci
// is read when ink is imported, after this file runs). bin/interview-coach.js does the same.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
