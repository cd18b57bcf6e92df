import { sql } from 'kysely'
import type { EnterpriseInput, EnterpriseUpdate } from '../../contract/enterprises.js'
import type { PointGeometry } from '../../contract/geojson.js'
import type { Db } from '../../db/database.js'
import { stAsGeoJson, stPointFromGeoJson } from '../../db/postgis.js'

/** An enterprise's own columns as the API shows them, with its NACE title and region name. */
function selectEnterprises(db: Db) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('nace_codes as n', 'n.code', 'e.nace_code')
    .leftJoin('regions as r', 'r.id', 'e.region_id')
    .select([
      'e.id',
      'e.name',
      'e.national_id',
      'e.nace_code',
      'n.title as nace_title',
      'e.size_class',
      'e.employees',
      'e.address',
      stAsGeoJson<PointGeometry>('e.geom').as('location'),
      'e.region_id',
      'r.name as region_name',
      'e.contact_name',
      'e.contact_email',
      'e.contact_phone',
      'e.is_demo',
      'e.version',
      'e.created_at',
      'e.updated_at',
    ])
}

export function findEnterprise(db: Db, id: number) {
  return selectEnterprises(db).where('e.id', '=', id).executeTakeFirst()
}
export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>

/** Whether the enterprise exists: the rows nested under it (streams, needs, permits) ask first. */
export function enterpriseExists(db: Db, enterpriseId: number): Promise<boolean> {
  return db
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', enterpriseId)
    .executeTakeFirst()
    .then((row) => row !== undefined)
}

/** Locks the row until the transaction ends, so two updates of one version are decided in turn. */
export function lockEnterprise(db: Db, id: number) {
  return db.selectFrom('enterprises').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The enterprise's own columns from the API fields; optional fields left out become null (PUT replaces). */
export function toEnterpriseColumns(input: EnterpriseInput) {
  return {
    name: input.name,
    national_id: input.nationalId ?? null,
    nace_code: input.naceCode,
    size_class: input.sizeClass ?? null,
    employees: input.employees ?? null,
    address: input.address ?? null,
    geom: stPointFromGeoJson(input.location),
    contact_name: input.contactName ?? null,
    contact_email: input.contactEmail ?? null,
    contact_phone: input.contactPhone ?? null,
  }
}

/** Inserts in the given order and returns the ids in that order (one INSERT … VALUES). */
export async function insertEnterprises(db: Db, enterprises: EnterpriseInput[]): Promise<number[]> {
  if (enterprises.length === 0) return []
  const rows = await db
    .insertInto('enterprises')
    .values(enterprises.map(toEnterpriseColumns))
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Writes the change only if the row is still at `version`, and bumps it; answers the new version,
 * or undefined when the row is gone or was changed meanwhile.
 */
export async function updateEnterpriseAtVersion(
  db: Db,
  id: number,
  { version, ...fields }: EnterpriseUpdate,
): Promise<number | undefined> {
  const row = await db
    .updateTable('enterprises')
    .set((eb) => ({ ...toEnterpriseColumns(fields), version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
  return row?.version
}

export function deleteEnterprise(db: Db, id: number) {
  return db.deleteFrom('enterprises').where('id', '=', id).execute()
}

/** The enterprise other than `except` that holds a national id, if any. */
export function findNationalIdHolder(db: Db, nationalId: string, except: number | undefined) {
  return db
    .selectFrom('enterprises')
    .select('id')
    .where('national_id', '=', nationalId)
    .where('id', '!=', except ?? 0)
    .executeTakeFirst()
}
