import { type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { filteredEnterprises, matchingStreams, streamTotalsSql } from '../survey/enterprise-totals.js'
import { stCovers } from '../../db/postgis.js'

/**
 * "One region per level", written once: each enterprise of `enterprises` (a relation with `id`
 * and a `geom` point) with its region of each level, as (region_id, enterprise_id). An
 * enterprise counts in every region whose area covers it, sub-regions included, but on a boundary
 * shared by two regions of the same level it goes to the smaller one (then the lower id), as
 * region derivation does, so the regions of a level add up to their parent. Used by the regions
 * tile layer's totals (below) and by the totals of a region (features/aggregates).
 */
export function regionOfEachLevel(
  enterprises: string,
): RawBuilder<{ region_id: number; enterprise_id: number }> {
  return sql`select distinct on (e.id, r.level) r.id as region_id, e.id as enterprise_id
      from ${sql.table(enterprises)} e join regions r on ${stCovers('r.geom', 'e.geom')}
      order by e.id, r.level, ST_Area(r.geom), r.id`
}

export type RegionTotal = {
  region_id: number
  enterprise_count: number
  total_t: number
  hazardous_t: number
  recovered_t: number
}

/**
 * Totals of every region for the filters, as SQL. An enterprise counts in each region whose area
 * covers it, sub-regions included, but in one region per level only (regionOfEachLevel).
 */
export function regionTotalsSql(db: Db, filters: SurveyFilters): RawBuilder<RegionTotal> {
  return sql<RegionTotal>`with sel as (${filteredEnterprises(db, filters)}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')}),
    assigned as (${regionOfEachLevel('sel')})
    select a.region_id, count(*)::int as enterprise_count,
      coalesce(sum(t.total_t), 0)::float8 as total_t,
      coalesce(sum(t.hazardous_t), 0)::float8 as hazardous_t,
      coalesce(sum(t.recovered_t), 0)::float8 as recovered_t
    from assigned a left join totals t on t.enterprise_id = a.enterprise_id
    group by a.region_id`
}

/** Totals of every region for the filters (see regionTotalsSql). */
export async function regionTotals(db: Db, filters: SurveyFilters): Promise<RegionTotal[]> {
  return (await regionTotalsSql(db, filters).execute(db)).rows
}
