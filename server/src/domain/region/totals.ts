import { type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { roundPublic } from '../disclosure/noise.js'
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
export function regionTotalsSql(
  db: Db,
  filters: SurveyFilters,
  noise: { noisy: boolean },
): RawBuilder<RegionTotal> {
  return sql<RegionTotal>`with sel as (${filteredEnterprises(db, filters)}),
    streams as (select s.* from (${matchingStreams(db, filters, noise)}) s where s.enterprise_id in (select id from sel)),
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
export async function regionTotals(
  db: Db,
  filters: SurveyFilters,
  noise: { noisy: boolean },
): Promise<RegionTotal[]> {
  return (await regionTotalsSql(db, filters, noise).execute(db)).rows
}

export type PublishedRegionTotal = RegionTotal & { recovery_rate: number | null }

/**
 * Region totals as a viewer reads them: with the recovery rate of the unrounded tonnes and, for
 * the public (noisy totals), the tonnes rounded as `/api/aggregates` rounds them, so a region on
 * the map and in the table show one figure.
 */
export function publishedRegionTotals(
  rows: RegionTotal[],
  { noisy }: { noisy: boolean },
): PublishedRegionTotal[] {
  return rows.map((row) => {
    const recovery_rate = row.total_t > 0 ? row.recovered_t / row.total_t : null
    return noisy
      ? {
          ...row,
          total_t: roundPublic(row.total_t),
          hazardous_t: roundPublic(row.hazardous_t),
          recovered_t: roundPublic(row.recovered_t),
          recovery_rate,
        }
      : { ...row, recovery_rate }
  })
}
