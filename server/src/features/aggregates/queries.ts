import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { HexbinQuery } from '../../contract/aggregates.js'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import { matchingStreams } from '../../domain/survey/enterprise-totals.js'
import { stDWithinKm } from '../../db/postgis.js'
import type { DB } from '../../db/schema.js'
import { type AreaScope, areaEnterprises } from '../../domain/survey/area-enterprises.js'
import { hexbinCounts, stHexagon } from '../../domain/hexbin/counts.js'
import { inYears, type YearRange } from '../../domain/survey/years.js'

export type { YearRange }

/** Whether the tonnes carry the public's noise (domain/disclosure/noise.ts, readsNoise). */
type Noise = { noisy: boolean }

export type AggregateRow = {
  /** The area the row is a figure of (area-enterprises.ts: the region's id, 0 for a drawn area). */
  area_id: number
  dimension: 'total' | 'chapter' | 'section' | 'route' | 'year' | 'code' | 'registered'
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
 * Every figure of the scope's areas in one pass over their matching streams, so a whole level is
 * one statement rather than one per region (issue 14): GROUPING SETS give each area's total and
 * each breakdown (EWC chapter, NACE section, route family, survey year, EWC entry). The
 * `registered` row of an area counts its matching enterprises, reported or not.
 *
 * `count(distinct)` stays: the two-step forms measured slower at 1M (docs/scaling.md, province of
 * 272k enterprises: 5.0 s with it, 7.4 s summing then counting each enterprise's distinct keys,
 * 8.8 s with per-enterprise grouping sets first).
 */
export function aggregateRowsSql(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
  years: YearRange,
  noise: Noise,
): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`with area as (${areaEnterprises(db, scope, filters)}),
    streams as (
      select a.area_id, w.enterprise_id, w.ewc_code, left(w.ewc_code, 2) as chapter, n.section,
        w.survey_year, w.hazardous, w.tonnes, w.basis,
        case when w.route_code like 'R%' then 'recovery' when w.route_code like 'D%' then 'disposal'
             else 'unknown' end as route_family
      from (${matchingStreams(db, filters, noise)}) w
      join area a on a.id = w.enterprise_id
      join nace_codes n on n.code = a.nace_code
      where ${inYears(years)}
    )
    select area_id,
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
      coalesce(sum(tonnes) filter (where basis = 'calculated'), 0)::float8 as calculated_t
    from streams
    group by grouping sets ((area_id), (area_id, chapter), (area_id, section), (area_id, route_family),
      (area_id, survey_year), (area_id, ewc_code))
    union all
    select area_id, 'registered', null, count(*)::int, 0, 0, 0, 0, 0, 0 from area group by area_id`
}

/** The figures of the scope's areas (aggregateRowsSql). */
export async function aggregateRows(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
  years: YearRange,
  noise: Noise,
): Promise<AggregateRow[]> {
  return (await aggregateRowsSql(db, scope, filters, years, noise).execute(db)).rows
}

export type LikeForLikeRow = {
  area_id: number
  both_count: number
  from_t: number
  to_t: number
}

/**
 * Per area of the scope: the tonnes of `fromYear` and `toYear` of the area's enterprises that
 * reported (had a matching stream) in both years: the like-for-like change of a survey that grows
 * from year to year.
 */
export function likeForLikeSql(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
  fromYear: number,
  toYear: number,
  noise: Noise,
): RawBuilder<LikeForLikeRow> {
  return sql<LikeForLikeRow>`with area as (${areaEnterprises(db, scope, filters)}),
    per_enterprise as (
      select a.area_id, w.enterprise_id,
        sum(w.tonnes) filter (where w.survey_year = ${fromYear}) as from_t,
        sum(w.tonnes) filter (where w.survey_year = ${toYear}) as to_t
      from (${matchingStreams(db, filters, noise)}) w join area a on a.id = w.enterprise_id
      where w.survey_year in (${fromYear}, ${toYear})
      group by a.area_id, w.enterprise_id
    )
    select area_id, count(*)::int as both_count,
      coalesce(sum(from_t), 0)::float8 as from_t, coalesce(sum(to_t), 0)::float8 as to_t
    from per_enterprise where from_t is not null and to_t is not null group by area_id`
}

export type OutletGapRow = {
  chapter: string
  enterprise_count: number
  tonnes: number
  hazardous_t: number
  measured_t: number
  estimated_t: number
  calculated_t: number
  outlet_count: number
  capacity_t: number
  without_capacity: number
  /** Permit holders whose stated capacity is in `capacity_t`: below k it is theirs alone. */
  capacity_holders: number
}

/**
 * Per EWC chapter of a region: the waste generated against the permits valid today held within
 * `distanceKm` of the region that accept the chapter (an empty accepted list accepts anything).
 */
export function outletGapSql(
  db: Kysely<DB>,
  regionId: number,
  filters: SurveyFilters,
  years: YearRange,
  distanceKm: number,
  noise: Noise,
): RawBuilder<OutletGapRow> {
  return sql<OutletGapRow>`with area as (${areaEnterprises(db, { kind: 'region', regionId }, filters)}),
    generated as (
      select left(w.ewc_code, 2) as chapter, count(distinct w.enterprise_id)::int as enterprise_count,
        sum(w.tonnes)::float8 as tonnes,
        coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t,
        coalesce(sum(w.tonnes) filter (where w.basis = 'measured'), 0)::float8 as measured_t,
        coalesce(sum(w.tonnes) filter (where w.basis = 'estimated'), 0)::float8 as estimated_t,
        coalesce(sum(w.tonnes) filter (where w.basis = 'calculated'), 0)::float8 as calculated_t
      from (${matchingStreams(db, filters, noise)}) w join area a on a.id = w.enterprise_id
      where ${inYears(years)}
      group by left(w.ewc_code, 2)
    ),
    outlets as (
      select p.id, p.enterprise_id, p.accepted_ewc, p.capacity_t_per_year
      from permits p
      join enterprises e on e.id = p.enterprise_id
      join regions r on r.id = ${regionId}
      where (p.valid_to is null or p.valid_to >= current_date)
        and (p.valid_from is null or p.valid_from <= current_date)
        and ${stDWithinKm(sql.ref('r.geom'), sql.ref('e.geom'), distanceKm)}
    )
    select g.*, count(o.id)::int as outlet_count,
      coalesce(sum(o.capacity_t_per_year), 0)::float8 as capacity_t,
      count(o.id) filter (where o.capacity_t_per_year is null)::int as without_capacity,
      count(distinct o.enterprise_id) filter (where o.capacity_t_per_year is not null)::int as capacity_holders
    from generated g
    left join outlets o on cardinality(o.accepted_ewc) = 0 or exists (
      select 1 from unnest(o.accepted_ewc) as a where g.chapter like a || '%' or a like g.chapter || '%')
    group by g.chapter, g.enterprise_count, g.tonnes, g.hazardous_t, g.measured_t, g.estimated_t, g.calculated_t
    order by g.tonnes desc, g.chapter`
}

export type HexbinDensityRow = {
  geometry: { coordinates: number[][][] }
  n: number
  total_t: number
  hazardous_t: number
}

/** The hexagons of `size` (projected metres) over the box, as WGS84 GeoJSON with their figures. */
export function hexbinDensitySql(
  db: Kysely<DB>,
  filters: SurveyFilters,
  size: number,
  bbox: HexbinQuery['bbox'],
  noise: Noise,
): RawBuilder<HexbinDensityRow> {
  const within = sql<string>`ST_MakeEnvelope(${bbox.west}::float8, ${bbox.south}::float8, ${bbox.east}::float8, ${bbox.north}::float8, 4326)`
  return sql<HexbinDensityRow>`
    select ST_AsGeoJSON(ST_Transform(${stHexagon(size, sql`c.i`, sql`c.j`)}, 4326), 7)::json as geometry,
      c.n, c.total_t, c.hazardous_t
    from (${hexbinCounts(db, filters, size, within, noise)}) c
    order by c.i, c.j`
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
