import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { disclosureSecret } from '../../domain/disclosure/secret.js'
import { openMatchToken, sealMatchToken, useMatchTokenSecret } from './match-token.js'

const content = { receiverEnterpriseId: 41, resourceNeedId: 7, permitId: null }

describe('match tokens', () => {
  // the suite shares this module (isolate: false): leave the database's keys in place
  afterAll(async () => useMatchTokenSecret(await disclosureSecret((await testDatabase()).db)))

  it('open after a restart: their keys come from the database, not from the process', async () => {
    const secret = await disclosureSecret((await testDatabase()).db)
    useMatchTokenSecret(secret)
    const token = sealMatchToken(3, content)
    // a restart: the process's keys are gone, and are derived again from the same secret
    useMatchTokenSecret(randomUUID())
    expect(openMatchToken(3, token)).toBeUndefined()
    useMatchTokenSecret(secret)
    expect(openMatchToken(3, token)).toEqual(content)
    // the same candidate gets the same token; another stream does not open it
    expect(sealMatchToken(3, content)).toBe(token)
    expect(openMatchToken(4, token)).toBeUndefined()
  })

  it('refuse a forged or cut token', async () => {
    useMatchTokenSecret(await disclosureSecret((await testDatabase()).db))
    const token = sealMatchToken(3, content)
    const bytes = Buffer.from(token, 'base64url')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
    expect(openMatchToken(3, bytes.toString('base64url'))).toBeUndefined()
    expect(openMatchToken(3, token.slice(0, 20))).toBeUndefined()
  })
})
