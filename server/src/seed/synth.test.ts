import fs from 'node:fs'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSyntheticCountry, type SyntheticCountry } from '../../../scripts/synth/generate.js'
import { loadSyntheticCountry } from '../../../scripts/synth/load.js'
import { resetSyntheticCountry } from '../../../scripts/synth/reset.js'
import { testDatabase } from '../../test/database.js'
import { newEnterprise, newRegion, testArea } from '../../test/factories.js'
import type { Database } from '../db/database.js'
import type { DB } from '../db/schema.js'
import { checkAreaGeometry } from '../geo/polygon-validity.js'
import { ewcFile, ewcRowsFromTsv, naceFile, naceRowsFromTsv } from './catalogues.js'

// The synthetic national dataset of scripts/synth (issues 4, 5, 6): generated in memory, then
// loaded into the shared test database and removed again, touching nobody else's rows.
const ewc = new Map(ewcRowsFromTsv(fs.readFileSync(ewcFile, 'utf8')).map((row) => [row.code, row]))
const nace = new Map(naceRowsFromTsv(fs.readFileSync(naceFile, 'utf8')).map((row) => [row.code, row]))

const synthetic = sql`(select id from enterprises where national_id like 'SYN-%')`
const syntheticRegion = sql`(code = 'SYN' or code like 'SYN-%')`

/** Everything that is not synthetic, as counts and a digest of the enterprises' derived regions. */
async function othersSnapshot(db: Kysely<DB>) {
  const result = await sql<Record<string, string | number>>`
    select
      (select count(*) from regions where not ${syntheticRegion} or code is null)::int as regions,
      (select count(*) from enterprises where id not in ${synthetic})::int as enterprises,
      (select md5(coalesce(string_agg(id || ':' || coalesce(region_id::text, '-'), ',' order by id), ''))
         from enterprises where id not in ${synthetic}) as enterprise_regions,
      (select count(*) from waste_streams where enterprise_id not in ${synthetic})::int as waste_streams,
      (select count(*) from permits where enterprise_id not in ${synthetic})::int as permits,
      (select count(*) from resource_needs where enterprise_id not in ${synthetic})::int as resource_needs,
      (select count(*) from matches)::int as matches,
      (select count(*) from users)::int as users,
      (select count(*) from audit_log)::int as audit_log,
      (select count(*) from import_batches)::int as import_batches
  `.execute(db)
  return result.rows[0]
}

function tonnesPerYear(s: SyntheticCountry['wasteStreams'][number]): number {
  const perUnit = {
    t: 1,
    kg: 0.001,
    m3: s.density_t_per_m3 ?? Number.NaN,
    l: (s.density_t_per_m3 ?? Number.NaN) / 1000,
  }
  const perPeriod = { year: 1, month: 12, batch: s.batches_per_year ?? Number.NaN }
  return s.quantity * perUnit[s.unit] * perPeriod[s.period]
}

let database: Database
let data: SyntheticCountry
let before: Awaited<ReturnType<typeof othersSnapshot>>
let bystander: { id: number; regionId: number | null; areaRegionId: number }

beforeAll(async () => {
  database = await testDatabase()
  const db = database.db
  // another test's enterprise in its own region: the load must not move it
  const area = testArea()
  const region = await newRegion(db, {
    west: area.lon,
    south: area.lat,
    east: area.lon + area.size,
    north: area.lat + area.size,
  })
  const enterprise = await newEnterprise(db, { lon: area.lon + 0.5, lat: area.lat + 0.5 })
  bystander = { id: enterprise.id, regionId: enterprise.region_id, areaRegionId: region.id }
  before = await othersSnapshot(db)
  data = generateSyntheticCountry({ enterprises: 500, seed: 7 })
  await loadSyntheticCountry(db, data)
})

afterAll(async () => {
  const db = database.db
  await resetSyntheticCountry(db)
  await db.deleteFrom('enterprises').where('id', '=', bystander.id).execute()
  await db.deleteFrom('regions').where('id', '=', bystander.areaRegionId).execute()
})

describe('the synthetic country generator', () => {
  it('gives the same country for the same seed and another for another seed', () => {
    expect(generateSyntheticCountry({ enterprises: 500, seed: 7 })).toEqual(data)
    const other = generateSyntheticCountry({ enterprises: 500, seed: 8 })
    expect(other.enterprises.map((e) => [e.lon, e.lat])).not.toEqual(
      data.enterprises.map((e) => [e.lon, e.lat]),
    )
  })

  it('has about 3 streams per enterprise, 10 % hazardous, 15 % by-products, 2 % permits, 3 % needs', () => {
    const country = generateSyntheticCountry({ enterprises: 5_000, seed: 3 })
    const streams = country.wasteStreams
    expect(streams.length / country.enterprises.length).toBeGreaterThan(2.85)
    expect(streams.length / country.enterprises.length).toBeLessThan(3.15)
    expect(streams.filter((s) => s.hazardous).length / streams.length).toBeGreaterThan(0.07)
    expect(streams.filter((s) => s.hazardous).length / streams.length).toBeLessThan(0.13)
    expect(streams.filter((s) => s.offered_as_byproduct).length / streams.length).toBeGreaterThan(0.12)
    expect(streams.filter((s) => s.offered_as_byproduct).length / streams.length).toBeLessThan(0.18)
    expect(country.permits).toHaveLength(100)
    expect(country.resourceNeeds).toHaveLength(150)
    expect(new Set(streams.map((s) => s.survey_year))).toEqual(new Set([2023, 2024]))
    expect(new Set(streams.map((s) => s.unit))).toEqual(new Set(['t', 'kg', 'm3', 'l']))
  })

  it('uses real catalogue codes, hazardous exactly where the List of Waste says so', () => {
    for (const stream of data.wasteStreams) {
      expect(ewc.get(stream.ewc_code), stream.ewc_code).toMatchObject({
        level: 'entry',
        hazardous: stream.hazardous,
      })
    }
    for (const enterprise of data.enterprises) {
      const row = nace.get(enterprise.nace_code)
      expect(row?.level, enterprise.nace_code).toBe('class')
      // manufacturing, plus the waste operators that hold most permits
      expect(row?.section === 'C' || enterprise.nace_code.startsWith('38.'), enterprise.nace_code).toBe(true)
    }
    const patterns = [
      ...data.permits.flatMap((p) => p.accepted_ewc),
      ...data.resourceNeeds.flatMap((n) => n.ewc_codes),
    ]
    expect(patterns.length).toBeGreaterThan(0)
    for (const pattern of patterns) expect(ewc.has(pattern), pattern).toBe(true)
  })

  it('labels every enterprise, region and need as synthetic', () => {
    expect(
      data.enterprises.every((e) => e.name.endsWith('(synthetic)') && e.national_id.startsWith('SYN-')),
    ).toBe(true)
    expect(data.regions.every((r) => r.name.endsWith('(synthetic)'))).toBe(true)
    expect(data.resourceNeeds.every((n) => n.description?.endsWith('(synthetic)'))).toBe(true)
  })

  it('draws provinces that pass the server geometry check', () => {
    for (const region of data.regions) expect(checkAreaGeometry(region.geometry).ok, region.code).toBe(true)
  })
})

describe('the synthetic country, loaded', () => {
  it('tiles the country with its provinces: valid, no gap, no overlap', async () => {
    const result = await sql<{
      valid: boolean
      country: number
      provinces: number
      union: number
      gap: number
    }>`
      with country as (select geom from regions where code = 'SYN'),
           provinces as (select geom from regions where code like 'SYN-%')
      select bool_and(ST_IsValid(geom)) as valid,
             (select ST_Area(geom) from country) as country,
             (select sum(ST_Area(geom)) from provinces) as provinces,
             (select ST_Area(ST_Union(geom)) from provinces) as union,
             (select ST_Area(ST_SymDifference((select geom from country), (select ST_Union(geom) from provinces)))) as gap
        from regions where ${syntheticRegion}
    `.execute(database.db)
    const row = result.rows[0]
    expect(row?.valid).toBe(true)
    expect(Number(row?.country)).toBeGreaterThan(20) // square degrees: 6° × 4° less a ragged edge
    expect(Number(row?.provinces)).toBeCloseTo(Number(row?.country), 6)
    expect(Number(row?.union)).toBeCloseTo(Number(row?.country), 6)
    expect(Number(row?.gap)).toBeLessThan(1e-6)
  })

  it('puts every enterprise in one of its provinces', async () => {
    const rows = await sql<{ level: string | null; parent: string | null; n: number }>`
      select r.level, p.code as parent, count(*)::int as n
        from enterprises e left join regions r on r.id = e.region_id left join regions p on p.id = r.parent_id
       where e.id in ${synthetic} group by r.level, p.code
    `.execute(database.db)
    expect(rows.rows).toEqual([{ level: 'admin1', parent: 'SYN', n: 500 }])
  })

  it('derives the hazardous flags and tonnes per year the generator expects', async () => {
    const result = await sql<{ streams: number; hazardous: number; tonnes: number }>`
      select count(*)::int as streams, count(*) filter (where hazardous)::int as hazardous,
             sum(quantity_t_per_year) as tonnes
        from waste_streams where enterprise_id in ${synthetic}
    `.execute(database.db)
    const row = result.rows[0]
    expect(row?.streams).toBe(data.wasteStreams.length)
    expect(row?.hazardous).toBe(data.wasteStreams.filter((s) => s.hazardous).length)
    const tonnes = data.wasteStreams.reduce((sum, s) => sum + tonnesPerYear(s), 0)
    expect(Number(row?.tonnes) / tonnes).toBeCloseTo(1, 9)
  })

  it('loads every permit and need on the enterprise it was generated for', async () => {
    const result = await sql<{ permits: string[]; needs: string[] }>`
      select array(select e.national_id || ' ' || p.permit_number || ' ' || array_to_string(p.accepted_ewc, ',')
                     from permits p join enterprises e on e.id = p.enterprise_id where e.id in ${synthetic}) as permits,
             array(select e.national_id || ' ' || array_to_string(n.ewc_codes, ',') || ' ' || coalesce(n.material_category, '-')
                     from resource_needs n join enterprises e on e.id = n.enterprise_id where e.id in ${synthetic}) as needs
    `.execute(database.db)
    const nationalId = (index: number) => data.enterprises[index]?.national_id
    expect(result.rows[0]?.permits.sort()).toEqual(
      data.permits
        .map((p) => `${nationalId(p.enterprise)} ${p.permit_number} ${p.accepted_ewc.join(',')}`)
        .sort(),
    )
    expect(result.rows[0]?.needs.sort()).toEqual(
      data.resourceNeeds
        .map((n) => `${nationalId(n.enterprise)} ${n.ewc_codes.join(',')} ${n.material_category ?? '-'}`)
        .sort(),
    )
  })

  it('writes nothing outside its prefixes and moves no other enterprise', async () => {
    expect(await othersSnapshot(database.db)).toEqual(before)
    const row = await database.db
      .selectFrom('enterprises')
      .select('region_id')
      .where('id', '=', bystander.id)
      .executeTakeFirstOrThrow()
    expect(row.region_id).toBe(bystander.regionId)
    expect(bystander.regionId).toBe(bystander.areaRegionId)
  })

  it('refuses a second load over the first', async () => {
    await expect(loadSyntheticCountry(database.db, data)).rejects.toThrow(/already loaded/)
  })

  it('resets to exactly what was there before', async () => {
    const reset = await resetSyntheticCountry(database.db)
    expect(reset).toMatchObject({ enterprises: 500, regions: 13 })
    expect(await othersSnapshot(database.db)).toEqual(before)
    const left = await sql<{ n: number }>`
      select (select count(*) from enterprises where national_id like 'SYN-%')
           + (select count(*) from regions where ${syntheticRegion})::int as n
    `.execute(database.db)
    expect(Number(left.rows[0]?.n)).toBe(0)
  })
})
