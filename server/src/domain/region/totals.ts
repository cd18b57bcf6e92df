import { type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { filteredEnterprises, matchingStreams, streamTotalsSql } from '../survey/enterprise-totals.js'

export type RegionTotal = {
  region_id: number
  enterprise_count: number
  /** Of those, the enterprises with a matching stream: the count the totals' disclosure uses. */
  reporting_count: number
  total_t: number
  hazardous_t: number
  recovered_t: number
}

/**
 * Totals of every region for the filters, as SQL: each region sums its member enterprises
 * (region_members, see ./members.ts), so an enterprise counts in each region whose area covers it,
 * sub-regions included, but once per boundary set and level, and the regions of a set add up.
 */
export function regionTotalsSql(db: Db, filters: SurveyFilters): RawBuilder<RegionTotal> {
  return sql<RegionTotal>`with sel as (${filteredEnterprises(db, filters)}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')})
    select m.region_id, count(*)::int as enterprise_count, count(t.enterprise_id)::int as reporting_count,
      coalesce(sum(t.total_t), 0)::float8 as total_t,
      coalesce(sum(t.hazardous_t), 0)::float8 as hazardous_t,
      coalesce(sum(t.recovered_t), 0)::float8 as recovered_t
    from sel join region_members m on m.enterprise_id = sel.id
    left join totals t on t.enterprise_id = sel.id
    group by m.region_id`
}

/** Totals of every region for the filters (see regionTotalsSql). */
export async function regionTotals(db: Db, filters: SurveyFilters): Promise<RegionTotal[]> {
  return (await regionTotalsSql(db, filters).execute(db)).rows
}
