import { type Kysely, sql } from 'kysely'
import type { DB } from '../../server/src/db/schema.js'
import type { SyntheticEnterpriseRows, SyntheticPermit, SyntheticResourceNeed } from './generate.js'
import { type BatchWriter, enterpriseId, type LoadBackend, nextEnterpriseIds } from './load-writer.js'

/**
 * Multi-row INSERTs, for the embedded database (PGlite has no COPY FROM STDIN from a client
 * stream): each column goes over as one array parameter and `unnest` turns the arrays back into
 * rows, a chunk of rows per statement. Works on PostgreSQL too (the loader's tests use it there).
 */
export function insertBackend(db: Kysely<DB>, rowsPerStatement: number): LoadBackend {
  return {
    transaction: (work) => db.transaction().execute((trx) => work(insertWriter(trx, rowsPerStatement))),
    close: async () => {},
  }
}

function slices<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size))
  return out
}

// Lists of EWC patterns travel as comma-joined text: unnest would flatten a text[][] parameter.
const joined = (codes: readonly string[]) => codes.join(',')

function insertWriter(db: Kysely<DB>, size: number): BatchWriter {
  return {
    enterpriseIds: (count) => nextEnterpriseIds(db, count),

    async enterprises(rows: readonly SyntheticEnterpriseRows[], ids: readonly number[]) {
      for (const [n, batch] of slices(rows, size).entries()) {
        const e = batch.map((row) => row.enterprise)
        await sql`
          insert into enterprises (id, name, national_id, nace_code, size_class, employees, address, geom, is_demo)
          select id, name, national_id, nace_code, size_class, employees, address, ST_SetSRID(ST_MakePoint(lon, lat), 4326), true
            from unnest(
              ${ids.slice(n * size, n * size + batch.length)}::int[],
              ${e.map((x) => x.name)}::text[], ${e.map((x) => x.national_id)}::text[],
              ${e.map((x) => x.nace_code)}::text[], ${e.map((x) => x.size_class)}::text[],
              ${e.map((x) => x.employees)}::int[], ${e.map((x) => x.address)}::text[],
              ${e.map((x) => x.lon)}::float8[], ${e.map((x) => x.lat)}::float8[]
            ) as u(id, name, national_id, nace_code, size_class, employees, address, lon, lat)
        `.execute(db)
      }
    },

    async wasteStreams(streams, ids) {
      for (const batch of slices(streams, size))
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
        `.execute(db)
    },

    async permits(permits: readonly SyntheticPermit[], ids) {
      for (const batch of slices(permits, size))
        await sql`
          insert into permits (enterprise_id, permit_number, operation, accepted_ewc, capacity_t_per_year,
                               hazardous_allowed, valid_from, valid_to)
          select enterprise_id, permit_number, operation, string_to_array(accepted_ewc, ','), capacity_t_per_year,
                 hazardous_allowed, valid_from, valid_to
            from unnest(
              ${batch.map((p) => enterpriseId(ids, p.enterprise))}::int[], ${batch.map((p) => p.permit_number)}::text[],
              ${batch.map((p) => p.operation)}::text[], ${batch.map((p) => joined(p.accepted_ewc))}::text[],
              ${batch.map((p) => p.capacity_t_per_year)}::numeric[], ${batch.map((p) => p.hazardous_allowed)}::boolean[],
              ${batch.map((p) => p.valid_from)}::date[], ${batch.map((p) => p.valid_to)}::date[]
            ) as u(enterprise_id, permit_number, operation, accepted_ewc, capacity_t_per_year, hazardous_allowed,
                   valid_from, valid_to)
        `.execute(db)
    },

    async resourceNeeds(needs: readonly SyntheticResourceNeed[], ids) {
      for (const batch of slices(needs, size))
        await sql`
          insert into resource_needs (enterprise_id, description, ewc_codes, material_category, quantity_t_per_year,
                                      max_distance_km)
          select enterprise_id, description, string_to_array(ewc_codes, ','), material_category, quantity_t_per_year,
                 max_distance_km
            from unnest(
              ${batch.map((n) => enterpriseId(ids, n.enterprise))}::int[],
              ${batch.map((n) => n.description)}::text[], ${batch.map((n) => joined(n.ewc_codes))}::text[],
              ${batch.map((n) => n.material_category)}::text[],
              ${batch.map((n) => n.quantity_t_per_year)}::numeric[],
              ${batch.map((n) => n.max_distance_km)}::numeric[]
            ) as u(enterprise_id, description, ewc_codes, material_category, quantity_t_per_year, max_distance_km)
        `.execute(db)
    },
  }
}
