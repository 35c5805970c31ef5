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
