import { describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import type { AggregateResponse } from '../../contract/aggregates.js'
import { testDatabase } from '../../../test/database.js'
import { isolatedTestArea, newEnterprise, newRegion, newWasteStream } from '../../../test/factories.js'
import { uniqueName } from '../../../test/factories-regions.js'
import { injectAs, newUser, signIn } from '../../../test/accounts.js'
import { answerCache } from './answer-cache.js'

describe('the totals answer cache', () => {
  it('computes an answer once, also for requests that arrive while it is computed', async () => {
    const cache = answerCache<{ n: number }>()
    let computed = 0
    const compute = async () => ({ n: ++computed })
    const [a, b] = await Promise.all([cache.get(['k'], compute), cache.get(['k'], compute)])
    expect(await cache.get(['k'], compute)).toEqual({ n: 1 })
    expect([a, b, computed]).toEqual([{ n: 1 }, { n: 1 }, 1])
    expect(await cache.get(['other'], compute)).toEqual({ n: 2 })
  })

  it('keeps no failure, and drops the least recently used past its bound in bytes', async () => {
    const cache = answerCache<{ pad: string }>({ maxBytes: 2_000 })
    await expect(cache.get(['bad'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await cache.get(['bad'], async () => ({ pad: 'ok' }))).toEqual({ pad: 'ok' })
    const big = async () => ({ pad: 'x'.repeat(600) })
    for (const key of ['a', 'b', 'c']) await cache.get([key], big)
    await cache.get(['a'], big) // a is now the most recently used: b goes first
    await cache.get(['d'], big)
    const { entries, bytes } = cache.stats()
    expect(bytes).toBeLessThanOrEqual(2_000)
    let recomputed = 0
    const counting = async () => ({ pad: String(++recomputed) })
    await cache.get(['a'], counting)
    await cache.get(['d'], counting)
    expect([entries, recomputed]).toEqual([3, 0])
    await cache.get(['b'], counting)
    expect(recomputed).toBe(1)
  })

  it('answers the figures of the data as it is now, and each viewer the figures it may see', async () => {
    const database = await testDatabase()
    const { db } = database
    const official = await buildApp({ database })
    injectAs(official, await signIn(official, (await newUser(db, 'official')).email))
    const publicApp = await buildApp({ database })
    const { lon, lat } = isolatedTestArea()
    const region = await newRegion(
      db,
      { west: lon, south: lat, east: lon + 1, north: lat + 1 },
      uniqueName('Cached'),
    )
    const enterprise = await newEnterprise(db, { lon: lon + 0.5, lat: lat + 0.5 })
    await newWasteStream(db, enterprise.id, { ewc_code: '100101', quantity: 10, survey_year: 2024 })
    const totalsOf = async (app: typeof official) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/aggregates?regionId=${region.id}&year=2024`,
      })
      expect(response.statusCode).toBe(200)
      return response.json<AggregateResponse>()
    }
    expect((await totalsOf(official)).areas[0]?.totals.tonnesPerYear).toBe(10)
    expect((await totalsOf(official)).areas[0]?.totals.tonnesPerYear).toBe(10)
    // a write bumps the data revision: the next answer includes it
    await newWasteStream(db, enterprise.id, { ewc_code: '100102', quantity: 5, survey_year: 2024 })
    expect((await totalsOf(official)).areas[0]?.totals.tonnesPerYear).toBe(15)
    // one enterprise is a small cell: the public never gets the official's cached figures
    const seen = await totalsOf(publicApp)
    expect(seen.disclosure.applied).toBe(true)
    expect(seen.areas[0]?.totals.tonnesPerYear).toBeNull()
    await Promise.all([official.close(), publicApp.close()])
  })
})
