import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js'

const dirs: string[] = []
function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopmap-lock-'))
  dirs.push(dir)
  return path.join(dir, 'pglite')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('lockDataDir', () => {
  it('refuses a data directory that a live process holds', () => {
    const dataDir = tempDataDir()
    const unlock = lockDataDir(dataDir)
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(dataDir)).toThrow(/in use by process/)
    unlock()
    lockDataDir(dataDir)()
  })

  it('refuses the same directory reached through a symlink or another spelling', () => {
    const dataDir = tempDataDir()
    const unlock = lockDataDir(dataDir)
    const link = path.join(path.dirname(dataDir), 'link')
    fs.symlinkSync(dataDir, link)
    expect(() => lockDataDir(link)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(path.join(dataDir, '..', 'pglite'))).toThrow(DataDirLockedError)
    unlock()
    lockDataDir(link)()
  })

  it('takes over a lock left by a process that is gone', () => {
    const dataDir = tempDataDir()
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(`${dataDir}.lock`, '2147483646')
    const unlock = lockDataDir(dataDir)
    expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid))
    unlock()
  })
})
