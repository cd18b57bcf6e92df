import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { SyntheticEnterpriseRows, SyntheticWasteStream } from './generate.js'
import { type BatchWriter, enterpriseId, type LoadBackend, nextEnterpriseIdsSql } from './load-writer.js'

/**
 * PostgreSQL's COPY FROM STDIN (text format) on a connection of its own: one COPY per table and
 * chunk, every row trigger and check still running as for an INSERT (PostgreSQL fires triggers on
 * COPY too), at a fraction of the cost of binding array parameters.
 */
export async function copyBackend(databaseUrl: string): Promise<LoadBackend> {
  // no statement_timeout or other options of the app's pool: a chunk may take a while
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const writer = copyWriter(client)
  return {
    async transaction(work) {
      await client.query('begin')
      try {
        const result = await work(writer)
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => {})
        throw error
      }
    },
    close: () => client.end(),
  }
}

/** A value in COPY's text format: `\N` is null, and backslash, tab and line breaks are escaped. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N'
  return String(value).replace(/[\\\t\n\r]/g, (c) => copyEscapes[c] ?? c)
}
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** A text[] literal, every element quoted (then escaped for COPY by copyValue). */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
}

const line = (values: readonly (string | number | boolean | null | undefined)[]) =>
  `${values.map(copyValue).join('\t')}\n`

/** Lines per write: big enough that the stream's overhead does not count, small enough to hold few. */
const linesPerWrite = 1_000

async function* pieces(lines: readonly string[]) {
  for (let start = 0; start < lines.length; start += linesPerWrite)
    yield lines.slice(start, start + linesPerWrite).join('')
}

async function copy(client: pg.Client, statement: string, lines: string[]) {
  if (lines.length === 0) return
  // written with backpressure, so only a few pieces wait in the socket's buffer at a time
  await pipeline(Readable.from(pieces(lines)), client.query(copyFrom(statement)))
}

function copyWriter(client: pg.Client): BatchWriter {
  return {
    async enterpriseIds(count) {
      const result = await client.query<{ id: number }>(nextEnterpriseIdsSql, [count])
      return result.rows.map((row) => row.id)
    },

    enterprises: (rows: readonly SyntheticEnterpriseRows[], ids: readonly number[]) =>
      copy(
        client,
        'copy enterprises (id, name, national_id, nace_code, size_class, employees, address, geom, is_demo) from stdin',
        rows.map(({ enterprise: e }, i) =>
          // EWKT: PostGIS reads the same doubles back that ST_MakePoint(lon, lat) would get
          line([
            ids[i],
            e.name,
            e.national_id,
            e.nace_code,
            e.size_class,
            e.employees,
            e.address,
            `SRID=4326;POINT(${e.lon} ${e.lat})`,
            true,
          ]),
        ),
      ),

    wasteStreams: (streams: readonly SyntheticWasteStream[], ids) =>
      copy(
        client,
        `copy waste_streams (enterprise_id, ewc_code, description, physical_state, quantity, unit, period,
           batches_per_year, density_t_per_m3, frequency, basis, route_code, route_site, survey_year,
           offered_as_byproduct) from stdin`,
        streams.map((s) =>
          line([
            enterpriseId(ids, s.enterprise),
            s.ewc_code,
            s.description,
            s.physical_state,
            s.quantity,
            s.unit,
            s.period,
            s.batches_per_year,
            s.density_t_per_m3,
            s.frequency,
            s.basis,
            s.route_code,
            s.route_site,
            s.survey_year,
            s.offered_as_byproduct,
          ]),
        ),
      ),

    permits: (permits, ids) =>
      copy(
        client,
        `copy permits (enterprise_id, permit_number, operation, accepted_ewc, capacity_t_per_year,
           hazardous_allowed, valid_from, valid_to) from stdin`,
        permits.map((p) =>
          line([
            enterpriseId(ids, p.enterprise),
            p.permit_number,
            p.operation,
            arrayLiteral(p.accepted_ewc),
            p.capacity_t_per_year,
            p.hazardous_allowed,
            p.valid_from,
            p.valid_to,
          ]),
        ),
      ),

    resourceNeeds: (needs, ids) =>
      copy(
        client,
        `copy resource_needs (enterprise_id, description, ewc_codes, material_category, quantity_t_per_year,
           max_distance_km) from stdin`,
        needs.map((n) =>
          line([
            enterpriseId(ids, n.enterprise),
            n.description,
            arrayLiteral(n.ewc_codes),
            n.material_category,
            n.quantity_t_per_year,
            n.max_distance_km,
          ]),
        ),
      ),
  }
}
