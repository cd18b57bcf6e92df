import { sql } from 'kysely'
import type { ImportFormat } from '../../contract/imports.js'
import type { WasteStreamInput } from '../../contract/waste-streams.js'
import type { Db } from '../../db/database.js'
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
    .where('national_id', 'in', nationalIds)
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
    .where(sql<string>`lower(trim(name))`, 'in', nameKeys)
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
    .where('id', 'in', ids)
    .execute()
}
export type StoredEnterpriseColumns = Awaited<ReturnType<typeof findEnterpriseColumns>>[number]

/** The stored streams of these enterprises, with the columns an import row can set. */
export function findStreamsOf(db: Db, enterpriseIds: number[]) {
  return db
    .selectFrom('waste_streams')
    .select(['id', 'enterprise_id', 'version', ...streamFigureColumns])
    .where('enterprise_id', 'in', enterpriseIds)
    .orderBy('id')
    .execute()
}
export type StoredStream = Awaited<ReturnType<typeof findStreamsOf>>[number]

/** The streams of an import, one INSERT … VALUES, with the same columns the API writes. */
export async function insertWasteStreams(
  db: Db,
  streams: { enterpriseId: number; stream: WasteStreamInput }[],
) {
  if (streams.length === 0) return
  await db
    .insertInto('waste_streams')
    .values(
      streams.map(({ enterpriseId, stream }) => ({
        ...toWasteStreamColumns(stream),
        enterprise_id: enterpriseId,
      })),
    )
    .execute()
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
