import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { runSync } from './exec.js';

/**
 * True while a process with this id exists. Signal 0 checks without sending anything; EPERM
 * means it exists but belongs to another user.
 */
export function processAlive(pid: number | null | undefined): boolean {
  if (pid === null || pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/** Who runs a session: enough to tell that process from a later one that got the same pid. */
export interface ProcessOwner {
  pid: number | null;
  /** When the process started (processStart); null when it could not be read, or for rows saved before it was kept. */
  start: string | null;
  /** The machine it runs on; null for rows saved before it was kept. */
  host: string | null;
}

let self: { pid: number; start: string | null; host: string } | undefined;

/** This process as a session's owner (read once: it does not change while the process runs). */
export function thisProcess(): { pid: number; start: string | null; host: string } {
  self ??= { pid: process.pid, start: processStart(process.pid), host: hostname() };
  return self;
}

/**
 * When process `pid` started, as a token that reads the same for the same process every time and
 * differs for a later process that reuses the pid; null when it cannot be read.
 *
 * - Linux: `linux:<boot id>:<ticks>`, field 22 of /proc/<pid>/stat (clock ticks after boot) and
 *   the kernel's boot id. Kept as the kernel counts it, not turned into a date: the boot time that
 *   conversion needs shifts whenever the clock is set, and a shifted date would take a running
 *   session for a dead one.
 * - Elsewhere (macOS, the BSDs): `ps:<date>`, `ps -o lstart= -p <pid>` in the C locale and UTC
 *   (one-second resolution). Without ps (Windows) only the pid and the host name are compared.
 */
export function processStart(pid: number, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'linux') return linuxStart(pid);
  if (platform === 'win32') return null;
  const ps = runSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
    env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
    timeoutMs: 5000,
  });
  const started = ps.stdout.trim().replace(/\s+/g, ' ');
  return ps.ok && started ? `ps:${started}` : null;
}

function linuxStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses and may hold spaces or ')': count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22 of the whole line; fields[0] here is field 3
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return ticks && /^\d+$/.test(ticks) ? `linux:${boot}:${ticks}` : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process that owns a session still runs it:
 * - 'elsewhere': it ran on another machine (a database on a shared disk), which cannot be checked
 *   from here, so it may still be running;
 * - 'alive': same machine, the pid exists and started when the owner did (or there is no start
 *   time to compare: a row saved before it was kept, or a system that does not show it);
 * - 'gone': the process ended, or its pid now belongs to a later process.
 */
export function ownerLiveness(owner: ProcessOwner): 'alive' | 'gone' | 'elsewhere' {
  if (owner.host !== null && owner.host !== hostname()) return 'elsewhere';
  if (!processAlive(owner.pid) || owner.pid === null) return 'gone';
  if (owner.start === null) return 'alive';
  const now = processStart(owner.pid);
  return now === null || now === owner.start ? 'alive' : 'gone';
}
