import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  generateSyntheticCountry,
  streamSyntheticCountry,
  type SyntheticCountry,
  type SyntheticCountryStream,
} from '../../../scripts/synth/generate.js'
import { arrayLiteral, copyValue } from '../../../scripts/synth/load-copy.js'
import { loadSyntheticCountry, syntheticRowCounts } from '../../../scripts/synth/load.js'
import { resetSyntheticCountry } from '../../../scripts/synth/reset.js'
import { testDatabase } from '../../test/database.js'
import { newEnterprise, newRegion, testArea } from '../../test/factories.js'
import type { Database } from '../db/database.js'
import type { DB } from '../db/schema.js'
import { checkAreaGeometry } from '../geo/polygon-validity.js'
import { ewcFile, ewcRowsFromTsv, naceFile, naceRowsFromTsv } from './catalogues.js'
import { loadSyntheticCountryInOneTransaction } from '../../test/synth-load-reference.js'

// The synthetic national dataset of scripts/synth (issues 4, 5, 6, 14): generated, loaded into the
// shared test database (by COPY on PostgreSQL, INSERTs on PGlite) and removed again, touching
// nobody else's rows.
// PostgreSQL's URL when the run has one: the loader's COPY path opens a connection of its own.
const copyUrl = inject('testDatabase').databaseUrl
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
  await loadSyntheticCountry(db, streamSyntheticCountry({ enterprises: 500, seed: 7 }), { copyUrl })
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

  it('streams exactly the rows the in-memory generator made before it streamed', () => {
    // sha256 of JSON.stringify(generateSyntheticCountry(...)) as commit 60ae2b7 built it, all in
    // memory: benchmarks and their recorded figures rely on a seed giving the same country
    const before: Record<string, string> = {
      'seed 1': '1e6b572a23b927b6f2429f958edcce6574fc0cac555b7f1e3cdd48670c3d2e19',
      'seed 7': '3e348562373d6bf2bb974d5722fa55b92b517e51bbd9afbd207ec93fbc0793a4',
    }
    for (const seed of [1, 7]) {
      // the rows in order: each enterprise (numbered as it comes) with its streams, then permits, needs
      const kinds: string[] = []
      let enterprises = 0
      for (const row of streamSyntheticCountry({ enterprises: 2_000, seed }).rows) {
        if (kinds.at(-1) !== row.kind) kinds.push(row.kind)
        if (row.kind === 'enterprise') expect(row.index).toBe(enterprises++)
      }
      expect(kinds).toEqual(['enterprise', 'permit', 'need'])
      // generateSyntheticCountry collects that stream
      const country = generateSyntheticCountry({ enterprises: 2_000, seed })
      expect(createHash('sha256').update(JSON.stringify(country)).digest('hex'), `seed ${seed}`).toBe(
        before[`seed ${seed}`],
      )
    }
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
    await expect(loadSyntheticCountry(database.db, data, { copyUrl })).rejects.toThrow(/already loaded/)
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

describe('the streaming loader', () => {
  it('writes COPY text with tabs, line breaks, backslashes and nulls escaped', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
    expect([copyValue(null), copyValue(undefined), copyValue(1.5e-7), copyValue(false)]).toEqual([
      '\\N',
      '\\N',
      '1.5e-7',
      'false',
    ])
    expect(arrayLiteral([])).toBe('{}')
    expect(arrayLiteral(['1501', 'a"b\\c'])).toBe('{"1501","a\\"b\\\\c"}')
  })

  /** Every synthetic row, by national id and region code instead of ids, and the derived columns. */
  async function syntheticSnapshot(db: Kysely<DB>) {
    const result = await sql<Record<string, string | number | boolean>>`
      with e as (select * from enterprises where national_id like 'SYN-%'),
           r as (select * from regions where ${syntheticRegion})
      select
        (select count(*) from r)::int as regions,
        (select count(*) from e)::int as enterprises,
        (select count(*) from waste_streams where enterprise_id in (select id from e))::int as waste_streams,
        (select count(*) from permits where enterprise_id in (select id from e))::int as permits,
        (select count(*) from resource_needs where enterprise_id in (select id from e))::int as resource_needs,
        (select count(*) from region_members where enterprise_id in (select id from e))::int as region_members,
        (select md5(string_agg(concat_ws('|', r.code, r.name, r.level, p.code, encode(ST_AsEWKB(r.geom), 'hex'),
                                         r.is_demo, r.boundary_set_id, r.area_deg2), ',' order by r.code))
           from r left join regions p on p.id = r.parent_id) as region_rows,
        (select md5(string_agg(concat_ws('|', e.national_id, e.name, e.nace_code, e.size_class, e.employees, e.address,
                                         encode(ST_AsEWKB(e.geom), 'hex'), e.is_demo, g.code), ',' order by e.national_id))
           from e left join regions g on g.id = e.region_id) as enterprise_rows,
        (select md5(string_agg(x, ',' order by x)) from (
           select g.code || ' ' || e.national_id as x
             from region_members m join e on e.id = m.enterprise_id join regions g on g.id = m.region_id) members)
          as member_rows,
        (select md5(string_agg(x, ',' order by x)) from (
           select concat_ws('|', e.national_id, s.ewc_code, s.hazardous, s.description, s.physical_state, s.quantity,
                            s.unit, s.period, s.batches_per_year, s.density_t_per_m3, s.quantity_t_per_year,
                            s.frequency, s.basis, s.route_code, s.route_site, s.survey_year, s.offered_as_byproduct) as x
             from waste_streams s join e on e.id = s.enterprise_id) streams) as stream_rows,
        (select md5(string_agg(x, ',' order by x)) from (
           select concat_ws('|', e.national_id, p.permit_number, p.operation, p.accepted_ewc, p.capacity_t_per_year,
                            p.hazardous_allowed, p.valid_from, p.valid_to) as x
             from permits p join e on e.id = p.enterprise_id) permits) as permit_rows,
        (select md5(string_agg(x, ',' order by x)) from (
           select concat_ws('|', e.national_id, n.description, n.ewc_codes, n.material_category,
                            n.quantity_t_per_year, n.max_distance_km) as x
             from resource_needs n join e on e.id = n.enterprise_id) needs) as need_rows,
        (select sum(quantity_t_per_year)::text from waste_streams where enterprise_id in (select id from e)) as tonnes,
        (select count(*) from waste_streams where hazardous and enterprise_id in (select id from e))::int as hazardous,
        -- the identity sequences stay ahead of the ids written: the app's next insert must not collide
        (select last_value from enterprises_id_seq) >= (select max(id) from enterprises)
          and (select last_value from waste_streams_id_seq) >= (select max(id) from waste_streams)
          and (select last_value from permits_id_seq) >= (select max(id) from permits)
          and (select last_value from resource_needs_id_seq) >= (select max(id) from resource_needs)
          as sequences_ahead
    `.execute(db)
    return result.rows[0]
  }

  const revision = async (db: Kysely<DB>) =>
    Number(
      (await sql<{ revision: number }>`select revision from data_revision`.execute(db)).rows[0]?.revision,
    )

  beforeAll(async () => {
    await resetSyntheticCountry(database.db)
  })
  afterAll(async () => {
    await resetSyntheticCountry(database.db)
  })

  it('leaves the same database as the one-transaction loader, by COPY and by INSERT, in batches', async () => {
    const db = database.db
    const options = { enterprises: 2_000, seed: 11 }
    const load = async (work: () => Promise<unknown>) => {
      const start = await revision(db)
      await work()
      const snapshot = await syntheticSnapshot(db)
      expect(await revision(db), 'data revision bumped').toBeGreaterThan(start)
      await resetSyntheticCountry(db)
      return snapshot
    }
    const reference = await load(() =>
      loadSyntheticCountryInOneTransaction(db, generateSyntheticCountry(options)),
    )
    expect(reference).toMatchObject({ regions: 13, enterprises: 2_000, permits: 40, resource_needs: 60 })
    // an enterprise is a member of the country and of one province
    expect(reference?.region_members).toBe(4_000)
    expect(reference?.sequences_ahead).toBe(true)
    // small batches and chunks, so that commits and chunks end in the middle of the country
    const batched = { enterprisesPerCommit: 700, chunkSize: 300 }
    const inserted = await load(async () => {
      const report = await loadSyntheticCountry(db, streamSyntheticCountry(options), batched)
      expect(report).toMatchObject({ enterprises: 2_000, permits: 40, resourceNeeds: 60, commits: 5 })
    })
    expect(inserted).toEqual(reference)
    if (copyUrl) {
      const copied = await load(() =>
        loadSyntheticCountry(db, streamSyntheticCountry(options), { ...batched, copyUrl }),
      )
      expect(copied).toEqual(reference)
    }
  })

  it('keeps the batches committed before a failure and loses only the one it was in', async () => {
    const db = database.db
    const country = streamSyntheticCountry({ enterprises: 2_000, seed: 11 })
    function* failing(): SyntheticCountryStream['rows'] {
      for (const row of country.rows) {
        if (row.kind === 'enterprise' && row.index === 1_000) throw new Error('generator failed')
        yield row
      }
    }
    await expect(
      loadSyntheticCountry(
        db,
        { ...country, rows: failing() },
        { enterprisesPerCommit: 700, chunkSize: 300, copyUrl },
      ),
    ).rejects.toThrow('generator failed')
    expect(await syntheticRowCounts(db)).toEqual({ enterprises: 700, regions: 13 })
    const members = await sql<{ n: number }>`
      select count(*)::int as n from region_members m join enterprises e on e.id = m.enterprise_id
       where e.national_id like 'SYN-%'`.execute(db)
    expect(members.rows[0]?.n).toBe(1_400)
    await resetSyntheticCountry(db)
  })
})
