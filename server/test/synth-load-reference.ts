import { type Kysely, sql, type Transaction } from 'kysely'
import type { SyntheticCountry } from '../../scripts/synth/generate.js'
import { syntheticRowCounts } from '../../scripts/synth/load.js'
import { stMultiPolygon } from '../src/db/postgis.js'
import type { DB } from '../src/db/schema.js'

// The synthetic loader as it was before it streamed (commit 60ae2b7, scripts/synth/load.ts), kept
// unchanged but for its imports so synth.test.ts can check that the streaming loader leaves the
// same database behind. Not for use outside that test: it holds every row in memory.

export type LoadOptions = {
  log?: (message: string) => void
  /** Rows per INSERT statement. */
  batchSize?: number
}

export type LoadReport = {
  regions: number
  enterprises: number
  wasteStreams: number
  permits: number
  resourceNeeds: number
  /** Wall time of each step, in milliseconds. */
  timings: Record<'regions' | 'enterprises' | 'wasteStreams' | 'permitsAndNeeds' | 'analyze', number>
}

/**
 * Loads a generated country in one transaction (all of it or nothing), a batch of rows per
 * statement: each column goes over as one array parameter and `unnest` turns the arrays back
 * into rows, which works the same on PostgreSQL and PGlite and keeps the statement text short.
 * Every trigger runs, so region_id and hazardous are derived exactly as for surveyed data.
 * Refuses to load over an earlier synthetic load (see resetSyntheticCountry).
 */
export async function loadSyntheticCountryInOneTransaction(
  db: Kysely<DB>,
  data: SyntheticCountry,
  { log = () => {}, batchSize = 10_000 }: LoadOptions = {},
): Promise<LoadReport> {
  const present = await syntheticRowCounts(db)
  if (present.enterprises > 0 || present.regions > 0)
    throw new Error(
      `synthetic data is already loaded (${present.enterprises} enterprises, ${present.regions} regions): reset it first`,
    )
  const timings: LoadReport['timings'] = {
    regions: 0,
    enterprises: 0,
    wasteStreams: 0,
    permitsAndNeeds: 0,
    analyze: 0,
  }
  const timed = async <T>(step: keyof LoadReport['timings'], work: () => Promise<T>): Promise<T> => {
    const start = performance.now()
    const result = await work()
    timings[step] = Math.round(performance.now() - start)
    log(`  ${step}: ${(timings[step] / 1000).toFixed(1)} s`)
    return result
  }

  await db.transaction().execute(async (trx) => {
    await timed('regions', () => insertRegions(trx, data))
    const ids = await timed('enterprises', () => insertEnterprises(trx, data, batchSize, log))
    await timed('wasteStreams', () => insertWasteStreams(trx, data, ids, batchSize, log))
    await timed('permitsAndNeeds', () => insertPermitsAndNeeds(trx, data, ids))
  })
  // fresh statistics, so benchmarks that follow get the plans they would get in production
  await timed('analyze', () =>
    sql`analyze regions, enterprises, waste_streams, permits, resource_needs`.execute(db),
  )
  return {
    regions: data.regions.length,
    enterprises: data.enterprises.length,
    wasteStreams: data.wasteStreams.length,
    permits: data.permits.length,
    resourceNeeds: data.resourceNeeds.length,
    timings,
  }
}

async function insertRegions(trx: Transaction<DB>, data: SyntheticCountry) {
  const idByCode = new Map<string, number>()
  // parents come first in data.regions (the country, then its provinces)
  for (const region of data.regions) {
    const parentId = region.parentCode === null ? null : idByCode.get(region.parentCode)
    if (parentId === undefined)
      throw new Error(`synthetic region ${region.code}: parent not loaded before it`)
    const { id } = await trx
      .insertInto('regions')
      .values({
        name: region.name,
        level: region.level,
        code: region.code,
        parent_id: parentId,
        geom: stMultiPolygon(region.geometry),
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    idByCode.set(region.code, id)
  }
}

function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size))
  return out
}

/** Inserts the enterprises and returns their ids, in the order of data.enterprises. */
async function insertEnterprises(
  trx: Transaction<DB>,
  data: SyntheticCountry,
  batchSize: number,
  log: (message: string) => void,
): Promise<number[]> {
  const idByNationalId = new Map<string, number>()
  for (const batch of batches(data.enterprises, batchSize)) {
    const inserted = await sql<{ id: number; national_id: string }>`
      insert into enterprises (name, national_id, nace_code, size_class, employees, address, geom, is_demo)
      select name, national_id, nace_code, size_class, employees, address, ST_SetSRID(ST_MakePoint(lon, lat), 4326), true
        from unnest(
          ${batch.map((e) => e.name)}::text[], ${batch.map((e) => e.national_id)}::text[],
          ${batch.map((e) => e.nace_code)}::text[], ${batch.map((e) => e.size_class)}::text[],
          ${batch.map((e) => e.employees)}::int[], ${batch.map((e) => e.address)}::text[],
          ${batch.map((e) => e.lon)}::float8[], ${batch.map((e) => e.lat)}::float8[]
        ) as u(name, national_id, nace_code, size_class, employees, address, lon, lat)
      returning id, national_id
    `.execute(trx)
    // matched by national id: the order of RETURNING rows is not something SQL promises
    for (const row of inserted.rows) idByNationalId.set(row.national_id, row.id)
    log(`    enterprises: ${idByNationalId.size} / ${data.enterprises.length}`)
  }
  return data.enterprises.map((e) => {
    const id = idByNationalId.get(e.national_id)
    if (id === undefined) throw new Error(`enterprise ${e.national_id} was not inserted`)
    return id
  })
}

function enterpriseId(ids: readonly number[], index: number): number {
  const id = ids[index]
  if (id === undefined) throw new Error(`no enterprise at index ${index}`)
  return id
}

async function insertWasteStreams(
  trx: Transaction<DB>,
  data: SyntheticCountry,
  ids: readonly number[],
  batchSize: number,
  log: (message: string) => void,
) {
  let done = 0
  for (const batch of batches(data.wasteStreams, batchSize)) {
    await sql`
      insert into waste_streams (
        enterprise_id, ewc_code, description, physical_state, quantity, unit, period, batches_per_year,
        density_t_per_m3, frequency, basis, route_code, route_site, survey_year, offered_as_byproduct)
      select * from unnest(
        ${batch.map((s) => enterpriseId(ids, s.enterprise))}::int[], ${batch.map((s) => s.ewc_code)}::text[],
        ${batch.map((s) => s.description)}::text[], ${batch.map((s) => s.physical_state)}::text[],
        ${batch.map((s) => s.quantity)}::numeric[], ${batch.map((s) => s.unit)}::text[],
        ${batch.map((s) => s.period)}::text[], ${batch.map((s) => s.batches_per_year)}::numeric[],
        ${batch.map((s) => s.density_t_per_m3)}::numeric[], ${batch.map((s) => s.frequency)}::text[],
        ${batch.map((s) => s.basis)}::text[], ${batch.map((s) => s.route_code)}::text[],
        ${batch.map((s) => s.route_site)}::text[], ${batch.map((s) => s.survey_year)}::int[],
        ${batch.map((s) => s.offered_as_byproduct)}::boolean[]
      )
    `.execute(trx)
    done += batch.length
    log(`    waste streams: ${done} / ${data.wasteStreams.length}`)
  }
}

// Lists of EWC patterns travel as comma-joined text: unnest would flatten a text[][] parameter.
const joined = (codes: readonly string[]) => codes.join(',')

async function insertPermitsAndNeeds(trx: Transaction<DB>, data: SyntheticCountry, ids: readonly number[]) {
  const { permits, resourceNeeds } = data
  if (permits.length > 0)
    await sql`
      insert into permits (enterprise_id, permit_number, operation, accepted_ewc, capacity_t_per_year,
                           hazardous_allowed, valid_from, valid_to)
      select enterprise_id, permit_number, operation, string_to_array(accepted_ewc, ','), capacity_t_per_year,
             hazardous_allowed, valid_from, valid_to
        from unnest(
          ${permits.map((p) => enterpriseId(ids, p.enterprise))}::int[], ${permits.map((p) => p.permit_number)}::text[],
          ${permits.map((p) => p.operation)}::text[], ${permits.map((p) => joined(p.accepted_ewc))}::text[],
          ${permits.map((p) => p.capacity_t_per_year)}::numeric[], ${permits.map((p) => p.hazardous_allowed)}::boolean[],
          ${permits.map((p) => p.valid_from)}::date[], ${permits.map((p) => p.valid_to)}::date[]
        ) as u(enterprise_id, permit_number, operation, accepted_ewc, capacity_t_per_year, hazardous_allowed,
               valid_from, valid_to)
    `.execute(trx)
  if (resourceNeeds.length > 0)
    await sql`
      insert into resource_needs (enterprise_id, description, ewc_codes, material_category, quantity_t_per_year,
                                  max_distance_km)
      select enterprise_id, description, string_to_array(ewc_codes, ','), material_category, quantity_t_per_year,
             max_distance_km
        from unnest(
          ${resourceNeeds.map((n) => enterpriseId(ids, n.enterprise))}::int[],
          ${resourceNeeds.map((n) => n.description)}::text[], ${resourceNeeds.map((n) => joined(n.ewc_codes))}::text[],
          ${resourceNeeds.map((n) => n.material_category)}::text[],
          ${resourceNeeds.map((n) => n.quantity_t_per_year)}::numeric[],
          ${resourceNeeds.map((n) => n.max_distance_km)}::numeric[]
        ) as u(enterprise_id, description, ewc_codes, material_category, quantity_t_per_year, max_distance_km)
    `.execute(trx)
}
