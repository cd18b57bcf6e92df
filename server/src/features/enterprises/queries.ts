import { type Kysely, sql, type Transaction } from 'kysely'
import type { PointGeometry } from '../../contract/geojson.js'
import { stAsGeoJson } from '../../db/postgis.js'
import type { DB } from '../../db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

export type EnterpriseListFilter = { regionId?: number; limit: number; offset: number }

export function listEnterpriseSummaries(db: Db, filter: EnterpriseListFilter) {
  let query = db
    .selectFrom('enterprises as e')
    .innerJoin('nace_codes as n', 'n.code', 'e.nace_code')
    .leftJoin('regions as r', 'r.id', 'e.region_id')
    .leftJoin('waste_streams as w', 'w.enterprise_id', 'e.id')
    .select([
      'e.id',
      'e.name',
      'e.nace_code',
      'n.section as nace_section',
      'e.size_class',
      'e.region_id',
      'r.name as region_name',
      'e.is_demo',
      stAsGeoJson<PointGeometry>('e.geom').as('geometry'),
      sql<number>`count(w.id)`.as('waste_stream_count'),
      sql<number>`coalesce(sum(w.quantity_t_per_year), 0)`.as('total_t'),
      sql<number>`coalesce(sum(w.quantity_t_per_year) filter (where w.hazardous), 0)`.as('hazardous_t'),
    ])
    .groupBy(['e.id', 'r.name', 'n.section'])
    .orderBy('e.id')
    .limit(filter.limit)
    .offset(filter.offset)
  if (filter.regionId !== undefined) query = query.where('e.region_id', '=', filter.regionId)
  return query.execute()
}
export type EnterpriseSummaryRow = Awaited<ReturnType<typeof listEnterpriseSummaries>>[number]
