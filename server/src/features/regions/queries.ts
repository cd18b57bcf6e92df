import type { Kysely, Transaction } from 'kysely'
import type { MultiPolygonGeometry } from '../../contract/geojson.js'
import { stAsGeoJson, stCovers } from '../../db/postgis.js'
import type { DB } from '../../db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

export function listRegions(db: Db) {
  return db
    .selectFrom('regions as r')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.level',
      'r.code',
      'r.parent_id',
      'r.is_demo',
      stAsGeoJson<MultiPolygonGeometry>('r.geom').as('geometry'),
      eb
        .selectFrom('enterprises as e')
        // located in the region, so a pilot region counts the enterprises of its sub-regions too
        .where(stCovers('r.geom', 'e.geom'))
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('enterprise_count'),
    ])
    .orderBy('r.id')
    .execute()
}
export type RegionRow = Awaited<ReturnType<typeof listRegions>>[number]
