import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests never touch the real data dir: every test file gets its own INTERVIEW_COACH_HOME.
process.env.INTERVIEW_COACH_HOME = mkdtempSync(join(tmpdir(), 'ic-test-'));
delete process.env.OLLAMA_HOST;
