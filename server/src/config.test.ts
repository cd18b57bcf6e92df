import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, loadDotEnv } from './config.js'

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.databaseUrl).toBeUndefined()
    expect(config.dataDir).toMatch(/data[/\\]pglite$/)
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
  })

  it('names the variable and the reason when one is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/)
  })

  it('takes a read replica only beside its primary', () => {
    const primary = 'postgres://u@h:5432/d'
    const replica = 'postgres://u@h:5433/d'
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl).toBe(replica)
    expect(loadConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeUndefined()
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(
      /DATABASE_READ_URL: a read replica needs/,
    )
  })
})

describe('LOOPMAP_TRUST_PROXY', () => {
  it('is off by default, and takes true or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ LOOPMAP_TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ LOOPMAP_TRUST_PROXY: 'false' }).trustProxy).toBe(false)
    expect(loadConfig({ LOOPMAP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ])
    expect(() => loadConfig({ LOOPMAP_TRUST_PROXY: 'proxy.example.org' })).toThrow(/LOOPMAP_TRUST_PROXY/)
  })

  it('limits failed sign-ins per account and per address, 10 and 50 by default', () => {
    expect(loadConfig({})).toMatchObject({ signInAttempts: 10, signInAttemptsPerAddress: 50 })
    expect(loadConfig({ LOOPMAP_SIGN_IN_ATTEMPTS_PER_ADDRESS: '200' }).signInAttemptsPerAddress).toBe(200)
  })
})

describe('loadDotEnv', () => {
  it('fills variables from a .env file without overriding the environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopmap-env-'))
    const file = path.join(dir, '.env')
    fs.writeFileSync(file, 'LOOPMAP_TEST_FROM_FILE=file\nLOOPMAP_TEST_SET=file\n')
    process.env.LOOPMAP_TEST_SET = 'environment'
    try {
      loadDotEnv(file)
      expect(process.env.LOOPMAP_TEST_FROM_FILE).toBe('file')
      expect(process.env.LOOPMAP_TEST_SET).toBe('environment')
    } finally {
      delete process.env.LOOPMAP_TEST_FROM_FILE
      delete process.env.LOOPMAP_TEST_SET
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('does nothing when there is no file', () => {
    expect(() => loadDotEnv(path.join(os.tmpdir(), 'no-such-dir', '.env'))).not.toThrow()
  })
})
