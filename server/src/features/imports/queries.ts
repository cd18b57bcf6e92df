import { sql } from 'kysely'
import type { EnterpriseInput } from '../../contract/enterprises.js'
import type { ImportFormat } from '../../contract/imports.js'
import type { WasteStreamInput } from '../../contract/waste-streams.js'
import type { Db } from '../../db/database.js'
import { toEnterpriseColumns } from '../../domain/enterprise/queries.js'
import { streamFigureColumns } from '../../domain/waste-stream/columns.js'
import { toWasteStreamColumns } from '../../domain/waste-stream/mapper.js'

/** Six-digit EWC entries and NACE classes, held in memory for one import (under 2,000 codes). */
export async function loadCatalogues(db: Db) {
  const [ewc, nace] = await Promise.all([
    db.selectFrom('ewc_codes').select('code').where('level', '=', 'entry').execute(),
    db.selectFrom('nace_codes').select('code').where('level', '=', 'class').execute(),
  ])
  return { ewcEntries: new Set(ewc.map((r) => r.code)), naceClasses: new Set(nace.map((r) => r.code)) }
}

export function findEnterprisesByNationalId(db: Db, nationalIds: string[]) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'national_id'])
    .where('national_id', '=', sql<string>`any(${nationalIds}::text[])`)
    .execute()
}

/** Stored enterprises whose trimmed, lower-cased name is one of `nameKeys`, with their location. */
export function findEnterprisesByName(db: Db, nameKeys: string[]) {
  return db
    .selectFrom('enterprises')
    .select([
      'id',
      sql<string>`lower(trim(name))`.as('name_key'),
      sql<number>`ST_X(geom)`.as('lon'),
      sql<number>`ST_Y(geom)`.as('lat'),
    ])
    .where(sql<string>`lower(trim(name))`, '=', sql<string>`any(${nameKeys}::text[])`)
    .execute()
}

/** The columns an import row can set of the stored enterprises it matched, to compare with the file. */
export function findEnterpriseColumns(db: Db, ids: number[]) {
  return db
    .selectFrom('enterprises')
    .select([
      'id',
      'name',
      'national_id',
      'nace_code',
      'size_class',
      'employees',
      'address',
      'contact_name',
      'contact_email',
      'contact_phone',
      'version',
      sql<number>`ST_X(geom)`.as('lon'),
      sql<number>`ST_Y(geom)`.as('lat'),
    ])
    .where('id', '=', sql<number>`any(${ids}::int[])`)
    .execute()
}
export type StoredEnterpriseColumns = Awaited<ReturnType<typeof findEnterpriseColumns>>[number]

/** The stored streams of these enterprises, with the columns an import row can set. */
export function findStreamsOf(db: Db, enterpriseIds: number[]) {
  return db
    .selectFrom('waste_streams')
    .select(['id', 'enterprise_id', 'version', ...streamFigureColumns])
    .where('enterprise_id', '=', sql<number>`any(${enterpriseIds}::int[])`)
    .orderBy('id')
    .execute()
}
export type StoredStream = Awaited<ReturnType<typeof findStreamsOf>>[number]

/*
 * The new rows of an import are written as sets (issue 14: a 50,000-row file took 8 s, mostly in
 * INSERT … VALUES statements of a thousand rows and some 20,000 parameters each, which PostgreSQL
 * parses and plans anew every time): each batch travels as ONE json parameter and is inserted by
 * one INSERT … SELECT from it, the same SQL on PostgreSQL and PGlite. COPY would save little more
 * (the row triggers and checks run either way) and Kysely's transaction does not hand out its
 * pg client to stream it. The columns are the domain's own mapping (toEnterpriseColumns,
 * toWasteStreamColumns), and json_populate_record reads each value with the column's own type, so
 * the rows are what the API's inserts would store, triggers (region, memberships, hazardous,
 * noise factor, data revision) included.
 */

/**
 * Ids for `count` new enterprises, drawn from the table's sequence as an INSERT would: the import
 * knows each new enterprise's id before the set is written (its streams carry it), without
 * relying on the order RETURNING gives.
 */
export async function drawEnterpriseIds(db: Db, count: number): Promise<number[]> {
  if (count === 0) return []
  const drawn = await sql<{
    id: number
  }>`select nextval(pg_get_serial_sequence('enterprises', 'id'))::int as id
    from generate_series(1, ${count}::int) order by 1`.execute(db)
  return drawn.rows.map((r) => r.id)
}

/** Inserts new enterprises, with the ids drawn for them, as one set. */
export async function insertNewEnterprises(db: Db, enterprises: { id: number; input: EnterpriseInput }[]) {
  if (enterprises.length === 0) return
  const rows = enterprises.map(({ id, input }) => {
    // the point is made in SQL from the same two doubles stPoint binds (JSON keeps them exact)
    const { geom: _point, ...columns } = toEnterpriseColumns(input)
    const [lon, lat] = input.location.coordinates
    return { ...columns, id, lon, lat }
  })
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'lon' && c !== 'lat')
  await sql`insert into enterprises (${sql.join(columns.map((c) => sql.ref(c)))}, geom)
    select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))},
      ST_SetSRID(ST_MakePoint((e.value->>'lon')::float8, (e.value->>'lat')::float8), 4326)
    from json_array_elements(${JSON.stringify(rows)}::json) as e
    cross join lateral json_populate_record(null::enterprises, e.value) as r`.execute(db)
}

/** Inserts new streams of stored or just created enterprises as one set. */
export async function insertWasteStreams(
  db: Db,
  streams: { enterpriseId: number; stream: WasteStreamInput }[],
) {
  if (streams.length === 0) return
  const rows = streams.map(({ enterpriseId, stream }) => ({
    ...toWasteStreamColumns(stream),
    enterprise_id: enterpriseId,
  }))
  const columns = Object.keys(rows[0] ?? {})
  await sql`insert into waste_streams (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
    from json_populate_recordset(null::waste_streams, ${JSON.stringify(rows)}::json) as r`.execute(db)
}

export async function insertImportBatch(
  db: Db,
  batch: {
    filename: string
    format: ImportFormat
    status: 'validated' | 'committed' | 'failed'
    dryRun: boolean
    rowCount: number
    errorCount: number
    report: unknown
  },
): Promise<number> {
  const row = await db
    .insertInto('import_batches')
    .values({
      filename: batch.filename,
      format: batch.format,
      status: batch.status,
      dry_run: batch.dryRun,
      row_count: batch.rowCount,
      error_count: batch.errorCount,
      report: JSON.stringify(batch.report),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
