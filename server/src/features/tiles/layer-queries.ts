import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import { filteredEnterprises, matchingStreams, streamTotalsSql } from '../../db/enterprise-totals.js'
import { type TileAddress, stTileEnvelope, stTileEnvelope4326 } from '../../db/postgis.js'
import type { DB } from '../../db/schema.js'

/**
 * The features of each tile layer as SQL: a relation with a WGS84 `geom` column and one column
 * per tile property (camelCase, as the map reads them). The encoders (encoders.ts) turn it into
 * a Mapbox Vector Tile, with ST_AsMVT on PostgreSQL or in Node on PGlite.
 */

/** Tile buffer in extent units (of 4096), as a fraction for ST_TileEnvelope's margin. */
export const TILE_EXTENT = 4096
export const TILE_BUFFER = 64
const BUFFER_MARGIN = TILE_BUFFER / TILE_EXTENT

/** Width of a tile in EPSG:3857 metres at zoom z. */
const WORLD_WIDTH_M = 40_075_016.685_578_49
const WORLD_ORIGIN_M = -WORLD_WIDTH_M / 2
const tileWidthM = (z: number) => WORLD_WIDTH_M / 2 ** z

/** Clusters: a 32 × 32 grid per tile, aligned to the world so a cell never straddles tiles. */
const CLUSTER_CELLS_PER_TILE = 32
/** Hexagons: ST_HexagonGrid's size is the circumradius; 1/32 of a tile gives 16 across. */
const HEX_SIZE_PER_TILE = 1 / 32

/** One point per enterprise with its totals over the matching streams (z ≥ 8). */
export function enterprisePoints(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress) {
  const selected = filteredEnterprises(db, filters, stTileEnvelope4326(tile, BUFFER_MARGIN))
  return sql`with sel as (${selected}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')}),
    chapters as (
      select distinct on (enterprise_id) enterprise_id, left(ewc_code, 2) as chapter
      from streams group by enterprise_id, left(ewc_code, 2)
      order by enterprise_id, sum(tonnes) desc, left(ewc_code, 2)
    )
    select sel.geom, sel.id, sel.name, sel.nace_code as "naceCode", n.section as "naceSection",
      sel.size_class as "sizeClass",
      coalesce(t.total_t, 0) as "totalTonnesPerYear",
      coalesce(t.hazardous_t, 0) as "hazardousTonnesPerYear",
      coalesce(t.recovered_t, 0) as "recoveredTonnesPerYear",
      coalesce(t.stream_count, 0) as "streamCount",
      c.chapter as "dominantEwcChapter",
      case
        when coalesce(t.total_t, 0) = 0 then 'unknown'
        when t.recovered_t >= t.disposed_t and t.recovered_t >= t.unrouted_t then 'recovery'
        when t.disposed_t >= t.unrouted_t then 'disposal'
        else 'unknown'
      end as "dominantRoute",
      coalesce(t.has_hazardous, false) as "hasHazardous",
      coalesce(t.offers_byproduct, false) as "offersByproduct",
      sel.is_demo as "isDemo"
    from sel
    join nace_codes n on n.code = sel.nace_code
    left join totals t on t.enterprise_id = sel.id
    left join chapters c on c.enterprise_id = sel.id`
}

/**
 * Enterprises gathered on a world-aligned grid (z < 8), so a low-zoom tile has at most
 * 32 × 32 features whatever the number of enterprises. A cluster sits at its members' mean.
 */
export function enterpriseClusters(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress) {
  // the exact tile (no buffer): cells nest in tiles, so each enterprise is counted by one tile
  const selected = filteredEnterprises(db, filters, stTileEnvelope4326(tile))
  const cell = tileWidthM(tile.z) / CLUSTER_CELLS_PER_TILE
  return sql`with sel as (${selected}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')}),
    projected as (
      select ST_Transform(sel.geom, 3857) as p, coalesce(t.total_t, 0) as total_t,
        coalesce(t.hazardous_t, 0) as hazardous_t
      from sel left join totals t on t.enterprise_id = sel.id
    )
    select ST_Transform(ST_SetSRID(ST_MakePoint(avg(ST_X(p)), avg(ST_Y(p))), 3857), 4326) as geom,
      count(*)::int as "enterpriseCount",
      sum(total_t) as "totalTonnesPerYear",
      sum(hazardous_t) as "hazardousTonnesPerYear"
    from projected
    group by floor((ST_X(p) - ${WORLD_ORIGIN_M}::float8) / ${cell}::float8),
      floor((ST_Y(p) - ${WORLD_ORIGIN_M}::float8) / ${cell}::float8)`
}

/**
 * Hexagonal density: each matching enterprise falls in one hexagon of a world-aligned grid whose
 * size follows the zoom, so neighbouring tiles agree on every hexagon's count.
 */
export function hexbins(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress) {
  const size = tileWidthM(tile.z) * HEX_SIZE_PER_TILE
  // a hexagon drawn in this tile may hold points up to two radii outside it
  const selected = filteredEnterprises(
    db,
    filters,
    stTileEnvelope4326(tile, BUFFER_MARGIN + 2 * HEX_SIZE_PER_TILE),
  )
  return sql`with sel as (${selected}),
    streams as (select s.* from (${matchingStreams(db, filters)}) s where s.enterprise_id in (select id from sel)),
    totals as (${streamTotalsSql('streams')}),
    binned as (
      select h.i, h.j, count(*)::int as n, sum(coalesce(t.total_t, 0)) as total_t,
        sum(coalesce(t.hazardous_t, 0)) as hazardous_t
      from sel
      left join totals t on t.enterprise_id = sel.id
      cross join lateral (
        select hex.i, hex.j from ST_HexagonGrid(${size}::float8, ST_Transform(sel.geom, 3857)) as hex
        where ST_Intersects(hex.geom, ST_Transform(sel.geom, 3857)) order by hex.i, hex.j limit 1
      ) h
      group by h.i, h.j
    )
    select ST_Transform(h.geom, 4326) as geom,
      b.n as "enterpriseCount", b.total_t as "totalTonnesPerYear", b.hazardous_t as "hazardousTonnesPerYear"
    from binned b
    cross join lateral (select ST_SetSRID(ST_Hexagon(${size}::float8, b.i, b.j), 3857) as geom) h
    where h.geom && ${stTileEnvelope(tile, BUFFER_MARGIN)}`
}

/** Regions in the tile with their totals (computed once per data revision and filters). */
export function regionPolygons(tile: TileAddress, totalsJson: string) {
  return sql`select r.geom, r.id, r.name, r.level, r.code, r.parent_id as "parentId", r.is_demo as "isDemo",
      coalesce(t.enterprise_count, 0) as "enterpriseCount",
      coalesce(t.total_t, 0) as "totalTonnesPerYear",
      coalesce(t.hazardous_t, 0) as "hazardousTonnesPerYear",
      coalesce(t.recovered_t, 0) as "recoveredTonnesPerYear",
      case when t.total_t > 0 then t.recovered_t / t.total_t end as "recoveryRate"
    from regions r
    left join jsonb_to_recordset(${totalsJson}::jsonb)
      as t(region_id int, enterprise_count int, total_t float8, hazardous_t float8, recovered_t float8)
      on t.region_id = r.id
    where r.geom && ${stTileEnvelope4326(tile, BUFFER_MARGIN)}`
}

/**
 * Enterprises holding permits (treatment and recovery sites). Enterprise filters apply; of the
 * stream filters, an EWC filter keeps sites whose permits accept it (or accept any code), a
 * hazardous=true filter keeps sites allowed hazardous waste, a route filter their operations.
 */
export function treatmentSites(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress) {
  const enterpriseOnly = { ...filters, ewc: undefined, hazardous: undefined, surveyYear: undefined }
  const selected = filteredEnterprises(
    db,
    { ...enterpriseOnly, route: undefined, byproduct: undefined },
    stTileEnvelope4326(tile, BUFFER_MARGIN),
  )
  return sql`with sel as (${selected})
    select sel.geom, sel.id, sel.name,
      string_agg(distinct p.operation, ' ') as operations,
      count(*)::int as "permitCount",
      sum(p.capacity_t_per_year)::float8 as "capacityTonnesPerYear",
      bool_or(p.hazardous_allowed) as "hazardousAllowed",
      bool_or(p.operation like 'R%') as recovers,
      sel.is_demo as "isDemo"
    from sel join permits p on p.enterprise_id = sel.id
    where (p.valid_to is null or p.valid_to >= current_date)
      and ${permitConditions(filters)}
    group by sel.id, sel.geom, sel.name, sel.is_demo`
}

function permitConditions(filters: SurveyFilters): RawBuilder<boolean> {
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`true`]
  if (filters.ewc !== undefined) {
    conditions.push(sql<boolean>`(cardinality(p.accepted_ewc) = 0 or exists (
      select 1 from unnest(p.accepted_ewc) as a where ${filters.ewc} like a || '%' or a like ${filters.ewc} || '%'))`)
  }
  if (filters.hazardous === true) conditions.push(sql<boolean>`p.hazardous_allowed`)
  if (filters.route === 'R' || filters.route === 'D') {
    conditions.push(sql<boolean>`p.operation like ${`${filters.route}%`}`)
  } else if (filters.route !== undefined && filters.route !== 'unknown') {
    conditions.push(sql<boolean>`p.operation = ${filters.route}`)
  }
  return sql.join(conditions, sql` and `) as RawBuilder<boolean>
}
