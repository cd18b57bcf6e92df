import { sql } from 'kysely'
import type { Db } from '../../db/database.js'
import { stPoint } from '../../db/postgis.js'
import { isMemberOfAnyRegion, pointIsMemberOfAnyRegion } from '../region/members.js'

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

/**
 * The enterprise is a member of one of the regions (domain/region/members.ts: the region covers it,
 * and on an edge shared inside a boundary set it is the set's region that counts it), or there is
 * no such enterprise.
 */
export async function enterpriseInRegionsOrAbsent(
  db: Db,
  enterpriseId: number,
  regionIds: number[],
): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`select exists (
      select 1 from enterprises e where e.id = ${enterpriseId} and ${isMemberOfAnyRegion('e.id', regionIds)}
    ) or not exists (select 1 from enterprises where id = ${enterpriseId}) as ok`.execute(db)
  return result.rows[0]?.ok ?? false
}

/** A point not yet stored would be a member of one of the regions (the same rule, by the database). */
export async function pointInRegions(
  db: Db,
  point: { lon: number; lat: number },
  regionIds: number[],
): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`select ${pointIsMemberOfAnyRegion(
    stPoint(point.lon, point.lat),
    regionIds,
  )} as ok`.execute(db)
  return result.rows[0]?.ok ?? false
}
