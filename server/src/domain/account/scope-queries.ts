import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { stCovers, stCoversOf, stPoint } from '../../db/postgis.js'

/**
 * The row lookups behind an access rule's scope (plugins/auth.ts, contract/access-rules.ts): whose
 * a waste stream is, and whether a place lies in the regions assigned to an analyst.
 */

/** The enterprise a waste stream belongs to; undefined for an unknown stream. */
export async function enterpriseOfStream(db: Db, streamId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('waste_streams')
    .select('enterprise_id')
    .where('id', '=', streamId)
    .executeTakeFirst()
  return row?.enterprise_id
}

/** The enterprise lies in one of the regions (boundary included), or there is no such enterprise. */
export async function enterpriseInRegionsOrAbsent(
  db: Db,
  enterpriseId: number,
  regionIds: number[],
): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`select exists (
      select 1 from enterprises e join regions r on r.id = any(${regionIds}::int[])
      where e.id = ${enterpriseId} and ${stCovers('r.geom', 'e.geom')}
    ) or not exists (select 1 from enterprises where id = ${enterpriseId}) as ok`.execute(db)
  return result.rows[0]?.ok ?? false
}

/** The point lies in one of the regions (boundary included). */
export async function pointInRegions(
  db: Db,
  point: { lon: number; lat: number },
  regionIds: number[],
): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`select exists (
      select 1 from regions r where r.id = any(${regionIds}::int[])
        and ${stCoversOf(sql`r.geom`, stPoint(point.lon, point.lat))}
    ) as ok`.execute(db)
  return result.rows[0]?.ok ?? false
}
