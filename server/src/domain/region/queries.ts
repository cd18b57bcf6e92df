import { sql } from 'kysely'
import type { MultiPolygonGeometry } from '../../contract/geojson.js'
import type { RegionLevel } from '../../contract/regions.js'
import type { Db } from '../../db/database.js'
import { stAsGeoJson, stMultiPolygon } from '../../db/postgis.js'

/**
 * The region row as every reader gets it: its columns, its boundary set, GeoJSON and its member
 * enterprises (./members.ts), so a pilot region counts the enterprises of its sub-regions too.
 */
function selectRegions(db: Db) {
  return db
    .selectFrom('regions as r')
    .innerJoin('boundary_sets as bs', 'bs.id', 'r.boundary_set_id')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.level',
      'r.code',
      'r.parent_id',
      'r.is_demo',
      'r.version',
      'r.boundary_set_id',
      'bs.name as boundary_set_name',
      stAsGeoJson<MultiPolygonGeometry>('r.geom').as('geometry'),
      eb
        .selectFrom('region_members as m')
        .whereRef('m.region_id', '=', 'r.id')
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

/** Locks the region's row for the rest of the transaction; false when there is none. */
export async function lockRegion(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('regions').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  return row !== undefined
}

export type RegionValues = {
  name: string
  level: RegionLevel
  code: string | null
  parentId: number | null
  geometry: MultiPolygonGeometry
  /** Undefined: the drawn set for a new region, the region's own set for a change. */
  boundarySetId?: number | undefined
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
      ...(values.boundarySetId === undefined ? {} : { boundary_set_id: values.boundarySetId }),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Writes the change and the next version; the caller holds the row lock (versionedWrite). */
export async function updateRegionRow(db: Db, id: number, values: RegionValues): Promise<void> {
  await db
    .updateTable('regions')
    .set((eb) => ({
      name: values.name,
      level: values.level,
      code: values.code,
      parent_id: values.parentId,
      geom: stMultiPolygon(values.geometry),
      ...(values.boundarySetId === undefined ? {} : { boundary_set_id: values.boundarySetId }),
      version: eb('version', '+', 1),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute()
}

export async function deleteRegionRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('regions').where('id', '=', id).execute()
}

/** The region's member enterprises (sub-regions included, as in the list) and those derived into it. */
export async function countEnterprisesIn(db: Db, id: number): Promise<{ located: number; derived: number }> {
  const row = await db
    .selectFrom('regions as r')
    .where('r.id', '=', id)
    .select((eb) => [
      eb
        .selectFrom('region_members as m')
        .whereRef('m.region_id', '=', 'r.id')
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

/** The regions an aggregate request names: by id (in the order given) or all of a level. */
export function regionsFor(
  db: Db,
  query: { regionId?: number[] | undefined; level?: RegionLevel | undefined },
) {
  let select = db.selectFrom('regions').select(['id', 'name', 'level'])
  if (query.regionId !== undefined) select = select.where('id', 'in', query.regionId)
  if (query.level !== undefined) select = select.where('level', '=', query.level)
  return select.orderBy('name').orderBy('id').execute()
}
