import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { MultiPolygonGeometry } from '../../contract/geojson.js'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import { stCovers, stMultiPolygon } from '../../db/postgis.js'
import type { DB } from '../../db/schema.js'
import { filteredEnterprises } from './enterprise-totals.js'

/**
 * Where the totals are taken: a stored region, several (a whole level answered in one
 * statement, issue 14), or an area drawn on the map.
 */
export type AreaScope =
  | { kind: 'region'; regionId: number }
  | { kind: 'regions'; regionIds: number[] }
  | { kind: 'drawn'; geometry: MultiPolygonGeometry }

/**
 * The enterprises of an area matching the filters, with `area_id` naming the area they count in
 * (the region's id; 0 for a drawn area): an enterprise appears once per region of the scope it
 * belongs to. A region takes its member enterprises (region_members, domain/region/members.ts: those its area covers, sub-regions included, once
 * per boundary set and level), the rule of the regions tile layer, so the regions of a set add
 * up to the set's total.
 */
export function areaEnterprises(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
): RawBuilder<unknown> {
  const selected = filteredEnterprises(db, filters)
  if (scope.kind === 'drawn') {
    const area = stMultiPolygon(scope.geometry)
    return sql`select sel.id, sel.nace_code, 0 as area_id from (${selected}) sel
      cross join (select ${area} as geom) drawn
      where ${stCovers('drawn.geom', 'sel.geom')}`
  }
  const inScope =
    scope.kind === 'region'
      ? sql`m.region_id = ${scope.regionId}`
      : sql`m.region_id = any(${scope.regionIds}::int[])`
  return sql`select sel.id, sel.nace_code, m.region_id as area_id from (${selected}) sel
    join region_members m on m.enterprise_id = sel.id and ${inScope}`
}
