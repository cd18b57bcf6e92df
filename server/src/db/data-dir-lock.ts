import fs from 'node:fs'
import path from 'node:path'

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED'
}

/**
 * An exclusive lock on the embedded database directory. PGlite has no multi-process
 * coordination: a second process writing the same directory corrupts it, so we refuse.
 * A lock left by a process that no longer exists (a crash) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  // the directory itself, not the name it was given: through a symlink (or `a/../b`) a second
  // process would otherwise lock another name for the same files (issue 13)
  const real = fs.realpathSync(dataDir)
  const lockPath = path.join(path.dirname(real), `${path.basename(real)}.lock`)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      return () => fs.rmSync(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(fs.readFileSync(lockPath, 'utf8'))
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database at ${dataDir} is in use by process ${holder}. ` +
            'Stop that process first, use another LOOPMAP_DATA_DIR, or set DATABASE_URL to a PostgreSQL server.',
        )
      }
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
