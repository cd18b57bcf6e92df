import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { isolatedTestArea, newEnterprise, newWasteStream } from '../../../test/factories.js'
import { noiseOf } from '../../../test/noise.js'
import { NOISE_BOUNDS, noisyTonnesSql, roundPublic, roundPublicSql } from './noise.js'

describe('the public noise', () => {
  it('multiplies each enterprise by 1 ± d, d within the bounds, as recomputed here', async () => {
    const { db } = await testDatabase()
    const { factor } = await noiseOf(db)
    const { rows } = await sql<{ id: number; f: number }>`
      select g.id, ${noisyTonnesSql(sql`1::float8`, sql`loopmap_noise_factor(g.id)`)} as f
      from generate_series(1, 1000) as g(id)`.execute(db)
    let below = 0
    for (const row of rows) {
      expect(row.f).toBeCloseTo(factor(row.id), 12)
      const d = Math.abs(row.f - 1)
      expect(d).toBeGreaterThanOrEqual(NOISE_BOUNDS.low - 1e-12)
      expect(d).toBeLessThanOrEqual(NOISE_BOUNDS.high + 1e-12)
      if (row.f < 1) below += 1
    }
    // the sign is a fair coin: of 1,000 draws, far from all one way (p < 1e-9 outside 400–600)
    expect(below).toBeGreaterThan(400)
    expect(below).toBeLessThan(600)
  })

  it('is kept with each stream, set by the database on every write whatever is sent', async () => {
    const { db } = await testDatabase()
    const { factor } = await noiseOf(db)
    const { lon, lat } = isolatedTestArea()
    const first = await newEnterprise(db, { lon: lon + 0.1, lat: lat + 0.1 })
    const second = await newEnterprise(db, { lon: lon + 0.2, lat: lat + 0.1 })
    const { id } = await newWasteStream(db, first.id)
    const stored = async () =>
      (await sql<{ f: number }>`select noise_factor as f from waste_streams where id = ${id}`.execute(db))
        .rows[0]?.f
    expect(await stored()).toBeCloseTo(factor(first.id), 12)
    await sql`update waste_streams set noise_factor = 5, enterprise_id = ${second.id} where id = ${id}`.execute(
      db,
    )
    expect(await stored()).toBeCloseTo(factor(second.id), 12)
  })

  it('rounds to three significant figures, in SQL exactly as in the server', async () => {
    const { db } = await testDatabase()
    const values = [0, 18, 18.04, 14_949.9, 14_950, 0.012345, 999.5, 1_000, 2_345_678.9, 0.1 + 0.2]
    for (let i = 0; i < 300; i += 1) values.push(Math.exp(Math.sin(i * 12.9898) * 15))
    const { rows } = await sql<{ v: number; r: number }>`
      select v, ${roundPublicSql(sql`v`)} as r from unnest(${values}::float8[]) as t(v)`.execute(db)
    for (const row of rows) expect(row.r, String(row.v)).toBe(roundPublic(row.v))
    expect(roundPublic(14_949.9)).toBe(14_900)
    expect(roundPublic(14_950)).toBe(15_000)
    expect(roundPublic(18.04)).toBe(18)
    expect(roundPublic(0.012345)).toBe(0.0123)
    expect(roundPublic(2_345_678.9)).toBe(2_350_000)
  })
})
