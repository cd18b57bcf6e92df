import { type RawBuilder, sql } from 'kysely'
import type { MatchSource } from '../../contract/matching.js'
import { stDWithinDegrees, stDWithinKm } from '../../db/postgis.js'
import type { FitKind } from './knowledge.js'
import type { CandidateRow, StreamForScoring } from './score.js'
import type { Db } from '../../db/database.js'
import { inRegion } from '../../domain/match/queries.js'
import { GENERALISE_DEGREES } from './anonymise.js'

/**
 * The candidate search in PostGIS: for a set of streams (a WHERE on `w` waste_streams and `e`
 * their enterprises), the receivers from needs, recovery permits and sector inference within
 * the radius. Scoring is done in score.ts; SQL only finds who is near enough and fits at all.
 */

const ref = (column: string) => sql.ref(column)
const validToday = (p: string) =>
  sql`(${ref(`${p}.valid_from`)} is null or ${ref(`${p}.valid_from`)} <= current_date)
    and (${ref(`${p}.valid_to`)} is null or ${ref(`${p}.valid_to`)} >= current_date)`

/** A hazardous stream only goes to a receiver holding a valid permit allowing hazardous waste for its code. */
const hazardousAllowed = (c: 's' | 'c', receiver: string) => sql`(not ${ref(`${c}.hazardous`)} or exists (
  select 1 from permits hp where hp.enterprise_id = ${ref(receiver)} and hp.hazardous_allowed and ${validToday('hp')}
    and hp.accepted_ewc && array[${ref(`${c}.ewc_code`)}, left(${ref(`${c}.ewc_code`)}, 4), left(${ref(`${c}.ewc_code`)}, 2)]))`

/** The most recent survey year of each enterprise's code: earlier years are history, not supply. */
export const latestSurveyYear = sql<boolean>`not exists (select 1 from waste_streams w2
  where w2.enterprise_id = w.enterprise_id and w2.ewc_code = w.ewc_code and w2.survey_year > w.survey_year)`

/** The one stream of this id (a `streams` condition on `w`). */
export const streamIs = (id: number) => sql<boolean>`w.id = ${id}`

/** The one receiver of this id (a `receivers` condition on `r`). */
export const receiverIs = (id: number) => sql<boolean>`r.id = ${id}`

export async function streamsForScoring(db: Db, where: RawBuilder<boolean>): Promise<StreamForScoring[]> {
  const result = await sql<StreamForScoring>`
    select w.id, w.enterprise_id as "enterpriseId", e.name as "enterpriseName", e.nace_code as "naceCode",
      ST_X(e.geom) as lon, ST_Y(e.geom) as lat, w.ewc_code as "ewcCode", w.hazardous,
      w.quantity_t_per_year::float8 as "quantityTonnesPerYear", w.route_code as "routeCode",
      c.category_id as "categoryId", mc.name as "categoryName", mc.co2_avoided_kg_per_t::float8 as "co2AvoidedKgPerT"
    from waste_streams w
    join enterprises e on e.id = w.enterprise_id
    join ewc_material_categories c on c.ewc_code = w.ewc_code
    join material_categories mc on mc.id = c.category_id
    where ${where}
    order by w.id`.execute(db)
  return result.rows
}

/** A stream's own description and its code's, for the summary of a match search. */
export function streamTexts(db: Db, streamId: number) {
  return db
    .selectFrom('waste_streams as w')
    .innerJoin('ewc_codes as c', 'c.code', 'w.ewc_code')
    .select(['w.description', 'c.description as ewc_description'])
    .where('w.id', '=', streamId)
    .executeTakeFirstOrThrow()
}

/**
 * The streams (on `w`, `e`) that could supply a need: of other enterprises, fitting its codes
 * (exactly, by sub-chapter or chapter) or its material category, latest survey year, within `km`.
 */
export function streamsFittingNeed(
  need: { enterprise_id: number; ewc_codes: string[]; material_category: string | null },
  km: number,
): RawBuilder<boolean> {
  const needPoint = sql`(select geom from enterprises where id = ${need.enterprise_id})`
  const fits = sql<boolean>`(w.ewc_code = any(${sql.val(need.ewc_codes)}::text[])
    or left(w.ewc_code, 4) = any(${sql.val(need.ewc_codes)}::text[])
    or left(w.ewc_code, 2) = any(${sql.val(need.ewc_codes)}::text[])
    or exists (select 1 from ewc_material_categories c2 where c2.ewc_code = w.ewc_code and c2.category_id = ${need.material_category}))`
  return sql<boolean>`w.enterprise_id <> ${need.enterprise_id} and ${fits} and ${latestSurveyYear}
    and ${stDWithinKm(sql`e.geom`, needPoint, km)}`
}

/**
 * The streams (on `w`, `e`) of the region's enterprises that are offered as a by-product or not
 * recovered today, latest survey year: the supply of a region's opportunity map.
 */
export function openStreamsInRegion(regionId: number): RawBuilder<boolean> {
  return sql<boolean>`${inRegion('e', regionId)} and ${latestSurveyYear}
    and (w.offered_as_byproduct or w.route_code is null or w.route_code like 'D%')`
}

export type CandidateSearch = {
  /** Which streams (on `w`, `e`). */
  streams: RawBuilder<boolean>
  /** Great-circle km for ST_DWithin: the road radius over the detour factor, padded a little. */
  searchKm: number
  /** Nearest sector users kept per stream (sector candidates all share one material fit). */
  sectorLimit: number
  /** Extra condition on the receiver `r` (one enterprise, a region); none when undefined. */
  receivers?: RawBuilder<boolean> | undefined
  /** Only this need (the reverse direction); no permit or sector candidates then. */
  onlyNeedId?: number | undefined
  /**
   * For a viewer who sees receivers on the grid only (anonymise.ts): the nearest sector users are
   * the nearest by grid cell, so which of them make the cut says nothing finer than the cell.
   */
  generalised?: boolean | undefined
}

type Row = Omit<CandidateRow, 'source' | 'fit'> & { source: MatchSource; fit: FitKind }

export async function candidateRows(db: Db, search: CandidateSearch): Promise<CandidateRow[]> {
  return (await candidateQuery(search).execute(db)).rows
}

/**
 * The candidate SQL (kept apart so a benchmark or a reader can EXPLAIN it). Needs and permits
 * are joined to the streams on keys (the code, its sub-chapter, its chapter, `cat:<category>`),
 * a hash join, before any distance is computed: driving from the enterprises within the radius
 * instead read 30,000 enterprises per stream on the synthetic country (scripts/bench/matching.ts).
 */
export function candidateQuery(search: CandidateSearch): RawBuilder<Row> {
  // Sector sites are many per stream in a region run: a planar test in degrees (the km radius at
  // the stream's latitude, padded 10 %) and planar nearest-first are ~10× cheaper than geography;
  // the exact road distance and radius are applied in score.ts.
  const nearInDegrees = stDWithinDegrees(
    sql`r.geom`,
    sql`s.geom`,
    sql<number>`${search.searchKm * 1.1}::float8 / (111.32 * greatest(cos(radians(abs(ST_Y(s.geom)))), 0.01))`,
  )
  const pairNear = stDWithinKm(sql`c.receiver_geom`, sql`c.supplier_geom`, search.searchKm)
  // the receivers (a region) resolved once, not tested per pair: ST_Covers is the costly part
  const receiverSet = search.receivers
    ? sql`receiver_set as materialized (select r.id from enterprises r where ${search.receivers}),`
    : sql``
  const inReceivers = (column: string) =>
    search.receivers ? sql`${ref(column)} in (select id from receiver_set)` : sql`true`
  const nearestFirst = search.generalised
    ? sql`ST_SnapToGrid(r.geom, ${GENERALISE_DEGREES}::float8) <-> s.geom, r.id`
    : sql`r.geom <-> s.geom`
  const needOnly = search.onlyNeedId === undefined ? sql`true` : sql`n.id = ${search.onlyNeedId}`
  const others = search.onlyNeedId === undefined ? sql`true` : sql`false`
  return sql<Row>`with ${receiverSet} src as materialized (
      select w.id as stream_id, w.enterprise_id, w.ewc_code, w.hazardous, c.category_id, e.geom
      from waste_streams w join enterprises e on e.id = w.enterprise_id
      join ewc_material_categories c on c.ewc_code = w.ewc_code
      where ${search.streams}
    ),
    src_keys as (
      select s.stream_id, k.key from src s
      cross join lateral unnest(array[s.ewc_code, left(s.ewc_code, 4), left(s.ewc_code, 2), 'cat:' || s.category_id]) k(key)
    ),
    -- materialized: pairs first (few), distances after; else the planner, misjudging ST_DWithin,
    -- reads every enterprise within the radius
    need_pairs as materialized (
      select distinct sk.stream_id, n.id as need_id from resource_needs n
      cross join lateral unnest(n.ewc_codes || case when n.material_category is null then '{}'::text[]
        else array['cat:' || n.material_category] end) nk(key)
      join src_keys sk on sk.key = nk.key
      where ${needOnly} and ${inReceivers('n.enterprise_id')}
    ),
    permit_pairs as materialized (
      select distinct sk.stream_id, p.id as permit_id from permits p
      cross join lateral unnest(p.accepted_ewc) pk(key)
      join src_keys sk on sk.key = pk.key
      where p.operation like 'R%' and ${validToday('p')} and ${others} and ${inReceivers('p.enterprise_id')}
    ),
    sector_sites as materialized (
      select r.id, r.geom, u.category_id, u.operation, u.use from enterprises r
      join material_category_users u on u.nace_code = r.nace_code
      where u.category_id in (select category_id from src) and ${inReceivers('r.id')} and ${others}
    ),
    -- each pair with both places, materialized too, so the distance is the last filter
    need_cands as materialized (
      select s.stream_id, s.enterprise_id as supplier_id, s.ewc_code, s.hazardous, s.geom as supplier_geom,
        n.id, n.ewc_codes, n.description, n.quantity_t_per_year, n.max_distance_km, r.id as receiver_id,
        r.geom as receiver_geom
      from need_pairs np join src s on s.stream_id = np.stream_id
      join resource_needs n on n.id = np.need_id
      join enterprises r on r.id = n.enterprise_id
      where r.id <> s.enterprise_id
    ),
    permit_cands as materialized (
      select s.stream_id, s.ewc_code, s.hazardous, s.geom as supplier_geom, p.id, p.accepted_ewc, p.permit_number,
        p.operation, p.capacity_t_per_year, p.hazardous_allowed, r.id as receiver_id, r.geom as receiver_geom
      from permit_pairs pp join src s on s.stream_id = pp.stream_id
      join permits p on p.id = pp.permit_id
      join enterprises r on r.id = p.enterprise_id
      where r.id <> s.enterprise_id
    ),
    cand as materialized (
      select c.stream_id, 'need' as source,
        case when c.ewc_code = any(c.ewc_codes) then 'need_exact'
          when left(c.ewc_code, 4) = any(c.ewc_codes) then 'need_subchapter'
          when left(c.ewc_code, 2) = any(c.ewc_codes) then 'need_chapter' else 'need_category' end as fit,
        c.id as need_id, c.description as need_description, null::int as permit_id, null::text as permit_number,
        null::text as operation, c.quantity_t_per_year::float8 as receiver_quantity,
        c.max_distance_km::float8 as max_distance_km, null::text as sector_use, c.receiver_id
      from need_cands c
      where ${pairNear} and ${hazardousAllowed('c', 'c.receiver_id')}
      union all
      select c.stream_id, 'permit',
        case when c.ewc_code = any(c.accepted_ewc) then 'permit_exact'
          when left(c.ewc_code, 4) = any(c.accepted_ewc) then 'permit_subchapter' else 'permit_chapter' end,
        null, null, c.id, c.permit_number, c.operation,
        (c.capacity_t_per_year - coalesce(used.t, 0))::float8, null, null, c.receiver_id
      from permit_cands c
      -- capacity already promised: tonnes of other streams' matches in negotiation or realised
      left join lateral (select sum(m.quantity_t_per_year) as t from matches m
        where m.permit_id = c.id and m.status in ('negotiating', 'realised') and m.waste_stream_id <> c.stream_id) used on true
      where ${pairNear} and (not c.hazardous or c.hazardous_allowed)
        and (c.capacity_t_per_year is null or c.capacity_t_per_year - coalesce(used.t, 0) > 0)
      union all
      select s.stream_id, 'sector', 'sector', null, null, null, null, r.operation, null, null, r.use, r.id
      from src s
      cross join lateral (
        select r.id, r.operation, r.use from sector_sites r
        where r.category_id = s.category_id and r.id <> s.enterprise_id and ${nearInDegrees}
          and ${hazardousAllowed('s', 'r.id')}
        order by ${nearestFirst}
        limit ${search.sectorLimit}
      ) r
    )
    select c.stream_id as "streamId", c.source, c.fit, c.need_id as "resourceNeedId",
      c.need_description as "needDescription", c.permit_id as "permitId", c.permit_number as "permitNumber",
      c.operation, c.receiver_quantity as "receiverQuantityT", c.max_distance_km as "maxDistanceKm",
      c.sector_use as "sectorUse", r.id as "receiverId", r.name as "receiverName",
      r.nace_code as "receiverNaceCode", nc.title as "receiverNaceTitle",
      ST_X(r.geom) as "receiverLon", ST_Y(r.geom) as "receiverLat"
    from cand c join enterprises r on r.id = c.receiver_id join nace_codes nc on nc.code = r.nace_code`
}
