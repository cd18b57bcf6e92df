import { type Kysely, sql } from 'kysely'
import type { SurveyFilters } from '../contract/survey-filters.js'
import { filteredEnterprises, matchingStreams, streamTotalsSql } from './enterprise-totals.js'
import type { DB } from './schema.js'

export type RegionTotal = {
  region_id: number
  enterprise_count: number
  total_t: number
  hazardous_t: number
  recovered_t: number
}

/**
 * Totals of every region for the filters. An enterprise counts in each region whose area covers
 * it, sub-regions included, but in one region per level only: on a boundary shared by two
 * regions of the same level it goes to the smaller (then lower id), as region derivation does,
 * so the regions of a level add up to their parent.
 */
export async function regionTotals(db: Kysely<DB>, filters: SurveyFilters): Promise<RegionTotal[]> {
  const result = await sql<RegionTotal>`with sel as (${filteredEnterprises(db, filters)}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')}),
    assigned as (
      select distinct on (sel.id, r.level) r.id as region_id, sel.id as enterprise_id
      from sel join regions r on r.geom && sel.geom and ST_Covers(r.geom, sel.geom)
      order by sel.id, r.level, ST_Area(r.geom), r.id
    )
    select a.region_id, count(*)::int as enterprise_count,
      coalesce(sum(t.total_t), 0)::float8 as total_t,
      coalesce(sum(t.hazardous_t), 0)::float8 as hazardous_t,
      coalesce(sum(t.recovered_t), 0)::float8 as recovered_t
    from assigned a left join totals t on t.enterprise_id = a.enterprise_id
    group by a.region_id`.execute(db)
  return result.rows
}
