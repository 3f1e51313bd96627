import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PGlite has no lock of its own; two processes on one directory would corrupt it. */
export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `tandem.lock` in the data directory, or takes over a lock whose process is gone. The
 * pid is written to a file of its own first and then linked into place, so the lock file never
 * exists without its pid and two processes starting together cannot both win.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'tandem.lock');
  const mine = join(dataDir, `tandem.lock.${process.pid}`);
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(mine, file);
        return {
          release() {
            if (readFileSync(file, 'utf8').trim() === String(process.pid))
              rmSync(file, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
        if (holder === process.pid) {
          throw new DataDirLockedError(
            `The data directory ${dataDir} is already open in this process`,
          );
        }
        if (Number.isInteger(holder) && isAlive(holder)) {
          throw new DataDirLockedError(
            `The data directory ${dataDir} is in use by another Tandem process (pid ${holder}); stop it first. If no Tandem is running, delete ${file}`,
          );
        }
        rmSync(file, { force: true }); // stale: its process is gone
      }
    }
    throw new DataDirLockedError(`Could not lock the data directory ${dataDir}`);
  } finally {
    rmSync(mine, { force: true });
  }
}
