// @ts-check
// Preloaded into a benchmarked process (`node --import ./bench/max-rss-hook.mjs …`): on exit it
// writes the process's peak resident set size, in kilobytes, to the file BENCH_MAX_RSS_FILE names.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_MAX_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
