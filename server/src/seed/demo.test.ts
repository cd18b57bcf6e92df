import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/database.js'
import type { Database } from '../db/database.js'
import { demoDir, seedDemo } from './demo.js'

type FixtureStream = {
  quantity: number
  unit: string
  period: string
  densityTPerM3?: number
  batchesPerYear?: number
}
type FixtureEnterprise = { wasteStreams: FixtureStream[]; resourceNeeds: unknown[]; permits: unknown[] }
const fixture = JSON.parse(
  fs.readFileSync(path.join(demoDir, 'enterprises.json'), 'utf8'),
) as FixtureEnterprise[]

// Tonnes per year computed here, independently of the generated column in the database.
function tonnesPerYear(s: FixtureStream): number {
  const perUnit =
    { t: 1, kg: 0.001, m3: s.densityTPerM3 ?? Number.NaN, l: (s.densityTPerM3 ?? Number.NaN) / 1000 }[
      s.unit
    ] ?? Number.NaN
  const perYear = { year: 1, month: 12, batch: s.batchesPerYear ?? Number.NaN }[s.period] ?? Number.NaN
  return s.quantity * perUnit * perYear
}

let database: Database
let firstRun: boolean
beforeAll(async () => {
  database = await testDatabase()
  firstRun = await seedDemo(database.db)
})

describe('the demo pilot region', () => {
  it('loads once: a second run changes nothing', async () => {
    expect(firstRun).toBe(true)
    expect(await seedDemo(database.db)).toBe(false)
    const { n } = await database.db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('is_demo', '=', true)
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBe(fixture.length)
  })

  it('loads every stream, need and permit of the fixture, with the tonnes computed independently', async () => {
    const rows = await sql<{ streams: number; needs: number; permits: number; tonnes: number }>`
      select (select count(*) from waste_streams w join enterprises e on e.id = w.enterprise_id where e.is_demo)::int as streams,
             (select count(*) from resource_needs n join enterprises e on e.id = n.enterprise_id where e.is_demo)::int as needs,
             (select count(*) from permits p join enterprises e on e.id = p.enterprise_id where e.is_demo)::int as permits,
             (select sum(w.quantity_t_per_year) from waste_streams w join enterprises e on e.id = w.enterprise_id where e.is_demo) as tonnes
    `.execute(database.db)
    const loaded = rows.rows[0]
    const streams = fixture.flatMap((e) => e.wasteStreams)
    expect(loaded?.streams).toBe(streams.length)
    expect(loaded?.needs).toBe(fixture.reduce((n, e) => n + e.resourceNeeds.length, 0))
    expect(loaded?.permits).toBe(fixture.reduce((n, e) => n + e.permits.length, 0))
    expect(Number(loaded?.tonnes)).toBeCloseTo(
      streams.reduce((sum, s) => sum + tonnesPerYear(s), 0),
      3,
    )
  })

  it('derives each enterprise into one sub-region, or none for the few outside the pilot region', async () => {
    const rows = await sql<{ region: string | null; n: number }>`
      select r.code as region, count(*)::int as n
      from enterprises e left join regions r on r.id = e.region_id
      where e.is_demo group by r.code order by r.code
    `.execute(database.db)
    const byRegion = Object.fromEntries(rows.rows.map((row) => [row.region ?? 'none', row.n]))
    expect(Object.keys(byRegion).sort()).toEqual(['AZ-DEMO-AB', 'AZ-DEMO-BA', 'AZ-DEMO-SM', 'none'])
    expect(byRegion.none).toBeGreaterThan(0)
    expect(byRegion['AZ-DEMO']).toBeUndefined() // the pilot region is fully covered by its sub-regions
  })

  it('marks every demo record as demo', async () => {
    const names = await database.db
      .selectFrom('enterprises')
      .select('name')
      .where('is_demo', '=', true)
      .execute()
    expect(names.every((row) => row.name.endsWith('(demo)'))).toBe(true)
    const regions = await database.db
      .selectFrom('regions')
      .select('name')
      .where('is_demo', '=', true)
      .execute()
    expect(regions).toHaveLength(4)
  })
})
