import { type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { filteredEnterprises, matchingStreams, streamTotalsSql } from '../survey/enterprise-totals.js'
import { stCovers } from '../../db/postgis.js'

/**
 * "One region per level", written once: `region` (an alias of `regions`) covers `enterprise`
 * (an alias with a `geom` point) and is the enterprise's region of that level. On a boundary
 * shared by two regions of the same level the enterprise goes to the smaller one (then the lower
 * id), as region derivation does, so the regions of a level add up to their parent. Used by the
 * regions tile layer's totals (below) and by the totals of a region (features/aggregates).
 */
export function isRegionOfItsLevel(region: string, enterprise: string): RawBuilder<boolean> {
  const r = (column: string) => sql.ref(`${region}.${column}`)
  const point = `${enterprise}.geom`
  return sql<boolean>`${stCovers(`${region}.geom`, point)} and not exists (
      select 1 from regions peer
      where peer.level = ${r('level')} and peer.id <> ${r('id')} and ${stCovers('peer.geom', point)}
        and (ST_Area(peer.geom) < ST_Area(${r('geom')})
          or (ST_Area(peer.geom) = ST_Area(${r('geom')}) and peer.id < ${r('id')}))
    )`
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
 * covers it, sub-regions included, but in one region per level only (isRegionOfItsLevel).
 */
export function regionTotalsSql(db: Db, filters: SurveyFilters): RawBuilder<RegionTotal> {
  return sql<RegionTotal>`with sel as (${filteredEnterprises(db, filters)}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')}),
    assigned as (
      select r.id as region_id, sel.id as enterprise_id
      from sel join regions r on ${isRegionOfItsLevel('r', 'sel')}
    )
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
