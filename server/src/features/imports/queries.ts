import { sql } from 'kysely'
import type { EnterpriseInput } from '../../contract/enterprises.js'
import type { ImportFormat } from '../../contract/imports.js'
import type { WasteStreamInput } from '../../contract/waste-streams.js'
import { stPoint } from '../../db/postgis.js'
import type { Db } from '../../db/database.js'

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

/** Inserts in the given order and returns the ids in that order (one INSERT … VALUES). */
export async function insertEnterprises(db: Db, enterprises: EnterpriseInput[]): Promise<number[]> {
  if (enterprises.length === 0) return []
  const rows = await db
    .insertInto('enterprises')
    .values(
      enterprises.map((e) => ({
        name: e.name,
        national_id: e.nationalId ?? null,
        nace_code: e.naceCode,
        size_class: e.sizeClass ?? null,
        employees: e.employees ?? null,
        address: e.address ?? null,
        geom: stPoint(e.location.coordinates[0], e.location.coordinates[1]),
      })),
    )
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

export async function insertWasteStreams(
  db: Db,
  streams: { enterpriseId: number; stream: WasteStreamInput }[],
) {
  if (streams.length === 0) return
  await db
    .insertInto('waste_streams')
    .values(
      streams.map(({ enterpriseId, stream: s }) => ({
        enterprise_id: enterpriseId,
        ewc_code: s.ewcCode,
        description: s.description ?? null,
        physical_state: s.physicalState ?? null,
        quantity: s.quantity,
        unit: s.unit,
        period: s.period,
        density_t_per_m3: s.densityTPerM3 ?? null,
        batches_per_year: s.batchesPerYear ?? null,
        frequency: s.frequency ?? null,
        basis: s.basis,
        route_code: s.routeCode ?? null,
        route_site: s.routeSite ?? null,
        receiver_name: s.receiverName ?? null,
        receiver_enterprise_id: s.receiverEnterpriseId ?? null,
        cost_per_year: s.costPerYear ?? null,
        cost_currency: s.costCurrency ?? null,
        survey_year: s.surveyYear,
        offered_as_byproduct: s.offeredAsByproduct,
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
