import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { MultiPolygonGeometry } from '../../contract/geojson.js'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import { filteredEnterprises, matchingStreams } from '../../db/enterprise-totals.js'
import { stMultiPolygon } from '../../db/postgis.js'
import type { DB, RegionLevel } from '../../db/schema.js'

/** Where the totals are taken: a stored region, or an area drawn on the map. */
export type AreaScope =
  { kind: 'region'; regionId: number } | { kind: 'drawn'; geometry: MultiPolygonGeometry }
export type YearRange = { yearFrom?: number | undefined; yearTo?: number | undefined }

/**
 * The enterprises of an area matching the filters. A region takes the enterprises its area
 * covers, sub-regions included, except those on a boundary it shares with a smaller (or, equal
 * in size, older) region of its level: one region per level per enterprise, the rule of
 * db/region-totals.ts, so neighbouring regions add up to their parent.
 */
export function areaEnterprises(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
): RawBuilder<unknown> {
  const selected = filteredEnterprises(db, filters)
  if (scope.kind === 'drawn') {
    const area = stMultiPolygon(scope.geometry)
    return sql`select sel.id, sel.nace_code from (${selected}) sel
      cross join (select ${area} as geom) drawn
      where drawn.geom && sel.geom and ST_Covers(drawn.geom, sel.geom)`
  }
  return sql`select sel.id, sel.nace_code from (${selected}) sel
    join regions r on r.id = ${scope.regionId} and r.geom && sel.geom and ST_Covers(r.geom, sel.geom)
    where not exists (
      select 1 from regions peer
      where peer.level = r.level and peer.id <> r.id and peer.geom && sel.geom and ST_Covers(peer.geom, sel.geom)
        and (ST_Area(peer.geom) < ST_Area(r.geom) or (ST_Area(peer.geom) = ST_Area(r.geom) and peer.id < r.id))
    )`
}

export type AggregateRow = {
  dimension: 'total' | 'chapter' | 'section' | 'route' | 'year' | 'code'
  key: string | null
  enterprise_count: number
  tonnes: number
  hazardous_t: number
  recovered_t: number
  measured_t: number
  estimated_t: number
  calculated_t: number
}

/**
 * Every figure of an area in one pass over its matching streams: GROUPING SETS give the total
 * and each breakdown (EWC chapter, NACE section, route family, survey year, EWC entry).
 */
export async function aggregateRows(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
  years: YearRange,
): Promise<{ rows: AggregateRow[]; areaEnterpriseCount: number }> {
  const result = await sql<
    AggregateRow & { area_count: number }
  >`with area as (${areaEnterprises(db, scope, filters)}),
    streams as (
      select w.enterprise_id, w.ewc_code, left(w.ewc_code, 2) as chapter, n.section, w.survey_year,
        w.hazardous, w.tonnes, w.basis, w.route_code,
        case when w.route_code like 'R%' then 'recovery' when w.route_code like 'D%' then 'disposal'
             else 'unknown' end as route_family
      from (${matchingStreams(db, filters)}) w
      join area a on a.id = w.enterprise_id
      join nace_codes n on n.code = a.nace_code
      where ${inYears(years)}
    )
    select
      case when grouping(chapter) = 0 then 'chapter' when grouping(section) = 0 then 'section'
           when grouping(route_family) = 0 then 'route' when grouping(survey_year) = 0 then 'year'
           when grouping(ewc_code) = 0 then 'code' else 'total' end as dimension,
      coalesce(chapter, section, route_family, survey_year::text, ewc_code) as key,
      count(distinct enterprise_id)::int as enterprise_count,
      coalesce(sum(tonnes), 0)::float8 as tonnes,
      coalesce(sum(tonnes) filter (where hazardous), 0)::float8 as hazardous_t,
      coalesce(sum(tonnes) filter (where route_family = 'recovery'), 0)::float8 as recovered_t,
      coalesce(sum(tonnes) filter (where basis = 'measured'), 0)::float8 as measured_t,
      coalesce(sum(tonnes) filter (where basis = 'estimated'), 0)::float8 as estimated_t,
      coalesce(sum(tonnes) filter (where basis = 'calculated'), 0)::float8 as calculated_t,
      (select count(*) from area)::int as area_count
    from streams
    group by grouping sets ((), (chapter), (section), (route_family), (survey_year), (ewc_code))`.execute(db)
  const areaEnterpriseCount =
    result.rows[0]?.area_count ??
    Number(
      (
        await sql<{
          n: number
        }>`select count(*)::int as n from (${areaEnterprises(db, scope, filters)}) a`.execute(db)
      ).rows[0]?.n ?? 0,
    )
  return { rows: result.rows, areaEnterpriseCount }
}

/** The survey-year range as a condition on streams aliased `w`. */
export function inYears(years: YearRange): RawBuilder<boolean> {
  const conditions = [sql<boolean>`true`]
  if (years.yearFrom !== undefined) conditions.push(sql<boolean>`w.survey_year >= ${years.yearFrom}`)
  if (years.yearTo !== undefined) conditions.push(sql<boolean>`w.survey_year <= ${years.yearTo}`)
  return sql.join(conditions, sql` and `) as RawBuilder<boolean>
}

/** Titles of EWC chapters and entries and NACE sections, for the labels of the cells. */
export async function labels(db: Kysely<DB>, ewcCodes: string[], naceSections: string[]) {
  const ewc =
    ewcCodes.length === 0
      ? []
      : await db
          .selectFrom('ewc_codes')
          .select(['code', 'description'])
          .where('code', 'in', ewcCodes)
          .execute()
  const nace =
    naceSections.length === 0
      ? []
      : await db
          .selectFrom('nace_codes')
          .select(['code', 'title'])
          .where('code', 'in', naceSections)
          .execute()
  return new Map<string, string>([
    ...ewc.map((row) => [`ewc:${row.code}`, row.description] as const),
    ...nace.map((row) => [`nace:${row.code}`, row.title] as const),
  ])
}

/** The regions an aggregate request names: by id (in the order given) or all of a level. */
export function regionsFor(
  db: Kysely<DB>,
  query: { regionId?: number[] | undefined; level?: RegionLevel | undefined },
) {
  let select = db.selectFrom('regions').select(['id', 'name', 'level'])
  if (query.regionId !== undefined) select = select.where('id', 'in', query.regionId)
  if (query.level !== undefined) select = select.where('level', '=', query.level)
  return select.orderBy('name').orderBy('id').execute()
}
