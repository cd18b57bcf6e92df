import { stringify } from 'csv-stringify/sync'
import { type Kysely, sql } from 'kysely'
import { importColumns } from '../src/contract/imports.js'
import type { DB } from '../src/db/schema.js'

/** Import rows as column → cell text, in the import's own column names. */
export type ImportRow = Record<string, string>

/** A clean import row for a site at (lon, lat); override any column. */
export function importRow(at: { lon: number; lat: number }, overrides: ImportRow = {}): ImportRow {
  return {
    name: 'Import Test Works',
    national_id: '',
    nace_code: '23.51',
    size_class: 'large',
    employees: '120',
    address: 'Test road 1',
    lon: String(at.lon),
    lat: String(at.lat),
    ewc_code: '10 13 06',
    waste_description: 'Kiln dust',
    physical_state: 'powder',
    quantity: '100',
    unit: 't',
    period: 'year',
    density_t_per_m3: '',
    batches_per_year: '',
    frequency: '',
    basis: 'measured',
    route_code: 'R5',
    route_site: 'off_site',
    receiver_name: '',
    cost_per_year: '',
    cost_currency: '',
    survey_year: '2024',
    offered_as_byproduct: 'false',
    ...overrides,
  }
}

/** CSV text of the rows with the template's header (plus any extra columns the rows carry). */
export function importCsv(
  rows: ImportRow[],
  { delimiter = ',', bom = false, crlf = false }: { delimiter?: string; bom?: boolean; crlf?: boolean } = {},
): string {
  const header = [...new Set([...importColumns.map((c) => c.name), ...rows.flatMap((r) => Object.keys(r))])]
  const text = stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))], {
    delimiter,
    record_delimiter: crlf ? 'windows' : 'unix',
  })
  return bom ? `\uFEFF${text}` : text
}

/** A multipart/form-data body with one file part, for `app.inject`. */
export function multipartFile(
  field: string,
  filename: string,
  contentType: string,
  content: Buffer | string,
) {
  const boundary = `----loopmap${Math.random().toString(16).slice(2)}`
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** Enterprises and waste streams inside a test area's square: what an import left behind. */
export async function countInArea(db: Kysely<DB>, area: { lon: number; lat: number; size: number }) {
  const inArea = sql<boolean>`e.geom && ST_MakeEnvelope(${area.lon}, ${area.lat}, ${area.lon + area.size}, ${area.lat + area.size}, 4326)`
  const enterprises = await db
    .selectFrom('enterprises as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inArea)
    .executeTakeFirstOrThrow()
  const streams = await db
    .selectFrom('waste_streams as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inArea)
    .executeTakeFirstOrThrow()
  return { enterprises: Number(enterprises.n), streams: Number(streams.n) }
}

/** The waste streams inside a test area's square, in insertion order, with their enterprise's codes. */
export function streamsInArea(db: Kysely<DB>, area: { lon: number; lat: number; size: number }) {
  return db
    .selectFrom('waste_streams as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select(['e.nace_code', 'w.ewc_code', 'w.quantity'])
    .where(
      sql<boolean>`e.geom && ST_MakeEnvelope(${area.lon}, ${area.lat}, ${area.lon + area.size}, ${area.lat + area.size}, 4326)`,
    )
    .orderBy('w.id')
    .execute()
}
