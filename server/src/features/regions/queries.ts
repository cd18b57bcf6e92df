import { sql } from 'kysely'
import type { MultiPolygonGeometry } from '../../contract/geojson.js'
import type { RegionLevel } from '../../contract/regions.js'
import { stAsGeoJson, stAsGeoJsonOf, stCovers, stMultiPolygon } from '../../db/postgis.js'
import type { Db } from '../../db/database.js'

function selectRegions(db: Db) {
  return db.selectFrom('regions as r').select((eb) => [
    'r.id',
    'r.name',
    'r.level',
    'r.code',
    'r.parent_id',
    'r.is_demo',
    'r.version',
    stAsGeoJson<MultiPolygonGeometry>('r.geom').as('geometry'),
    eb
      .selectFrom('enterprises as e')
      // located in the region, so a pilot region counts the enterprises of its sub-regions too
      .where(stCovers('r.geom', 'e.geom'))
      .select((sub) => sub.fn.countAll<number>().as('n'))
      .as('enterprise_count'),
  ])
}

export function listRegions(db: Db) {
  return selectRegions(db).orderBy('r.id').execute()
}
export type RegionRow = Awaited<ReturnType<typeof listRegions>>[number]

export function findRegion(db: Db, id: number): Promise<RegionRow | undefined> {
  return selectRegions(db).where('r.id', '=', id).executeTakeFirst()
}

/** Locks the region's row for the rest of the transaction and answers its version. */
export function lockRegion(db: Db, id: number) {
  return db
    .selectFrom('regions')
    .select(['id', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export type RegionValues = {
  name: string
  level: RegionLevel
  code: string | null
  parentId: number | null
  geometry: MultiPolygonGeometry
}

export async function insertRegion(db: Db, values: RegionValues): Promise<number> {
  const row = await db
    .insertInto('regions')
    .values({
      name: values.name,
      level: values.level,
      code: values.code,
      parent_id: values.parentId,
      geom: stMultiPolygon(values.geometry),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Applies the change only at the expected version; undefined when the version moved on. */
export async function updateRegionAtVersion(
  db: Db,
  id: number,
  version: number,
  values: RegionValues,
): Promise<number | undefined> {
  const row = await db
    .updateTable('regions')
    .set((eb) => ({
      name: values.name,
      level: values.level,
      code: values.code,
      parent_id: values.parentId,
      geom: stMultiPolygon(values.geometry),
      version: eb('version', '+', 1),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
  return row?.version
}

export async function deleteRegion(db: Db, id: number): Promise<void> {
  await db.deleteFrom('regions').where('id', '=', id).execute()
}

/** Enterprises located in the region (sub-regions included, as in the list) and those derived into it. */
export async function countEnterprisesIn(db: Db, id: number): Promise<{ located: number; derived: number }> {
  const row = await db
    .selectFrom('regions as r')
    .where('r.id', '=', id)
    .select((eb) => [
      eb
        .selectFrom('enterprises as e')
        .where(stCovers('r.geom', 'e.geom'))
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('located'),
      eb
        .selectFrom('enterprises as e')
        .whereRef('e.region_id', '=', 'r.id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('derived'),
    ])
    .executeTakeFirst()
  return { located: Number(row?.located ?? 0), derived: Number(row?.derived ?? 0) }
}

export async function regionExists(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('regions').select('id').where('id', '=', id).executeTakeFirst()
  return row !== undefined
}

/** True when `parentId` is `id` itself or one of its descendants, so the new parent would close a loop. */
export async function isSelfOrDescendant(db: Db, id: number, parentId: number): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    with recursive ancestors(id, parent_id, depth) as (
      select id, parent_id, 0 from regions where id = ${parentId}
      union all
      select r.id, r.parent_id, a.depth + 1 from regions r join ancestors a on r.id = a.parent_id
       where a.depth < 100
    )
    select exists (select 1 from ancestors where id = ${id}) as found`.execute(db)
  return result.rows[0]?.found === true
}

/**
 * PostGIS's own verdict on a geometry that passed the Turf checks, for what those do not catch
 * (rings crossing each other, holes outside their shell, overlapping parts). No row counts as
 * invalid: PGlite's PostGIS can answer a geometry it cannot read with no rows.
 */
export async function validityInDatabase(
  db: Db,
  geometry: MultiPolygonGeometry,
): Promise<{ valid: boolean; reason: string }> {
  const geom = stMultiPolygon(geometry)
  const result = await sql<{ valid: boolean; reason: string }>`
    select ST_IsValid(${geom}) as valid, ST_IsValidReason(${geom}) as reason`.execute(db)
  const row = result.rows[0]
  return row ?? { valid: false, reason: 'PostGIS could not read the geometry' }
}

/**
 * The caller asked for a repair: PostGIS's ST_MakeValid splits self-intersecting rings at their
 * crossings, and the polygonal parts are kept (a bow-tie becomes two triangles). Undefined when
 * nothing polygonal is left. Chosen over Turf's unkinkPolygon, which returns overlapping pieces
 * for rings that loop over themselves and refuses repeated vertices.
 */
export async function makeValidInDatabase(
  db: Db,
  geometry: MultiPolygonGeometry,
): Promise<MultiPolygonGeometry | undefined> {
  const repaired = sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(${stMultiPolygon(geometry)}), 3))`
  const result = await sql<{ geometry: MultiPolygonGeometry | null; empty: boolean }>`
    select ${stAsGeoJsonOf<MultiPolygonGeometry>(repaired)} as geometry, ST_IsEmpty(${repaired}) as empty`.execute(
    db,
  )
  const row = result.rows[0]
  return row && !row.empty && row.geometry ? row.geometry : undefined
}
