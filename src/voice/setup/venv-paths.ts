import { join } from 'node:path';

/** The programs inside a virtual environment (Windows keeps them in Scripts/ with .exe). */
export interface VenvPaths {
  dir: string;
  python: string;
  pip: string;
  piper: string;
  /** Written by us once `python -m venv` has finished: without it the folder is a half-built venv. */
  marker: string;
}

export function venvPaths(dir: string, platform: NodeJS.Platform = process.platform): VenvPaths {
  const windows = platform === 'win32';
  const bin = join(dir, windows ? 'Scripts' : 'bin');
  const exe = windows ? '.exe' : '';
  return {
    dir,
    python: join(bin, `python${exe}`),
    pip: join(bin, `pip${exe}`),
    piper: join(bin, `piper${exe}`),
    marker: join(dir, 'interview-coach-venv.json'),
  };
}

/**
 * The environment for programs run inside the venv: PYTHONHOME and PYTHONPATH would mix another
 * Python's packages into it (venv itself drops them for the same reason). Unbuffered, so each
 * line of progress arrives when it is printed.
 */
export function venvEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { PYTHONHOME: _home, PYTHONPATH: _path, ...rest } = env;
  return { ...rest, PYTHONUNBUFFERED: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
}
