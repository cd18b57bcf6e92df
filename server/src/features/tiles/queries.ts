import type { Geometry } from 'geojson'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import {
  filteredEnterprises,
  matchingStreams,
  streamTotalsSql,
} from '../../domain/survey/enterprise-totals.js'
import { stTileEnvelope, stTileEnvelope4326 } from '../../db/postgis.js'
import type { DB } from '../../db/schema.js'
import { hexbinCounts, stHexagon } from '../../domain/hexbin/counts.js'
import { readsNoise, roundPublicSql } from '../../domain/disclosure/noise.js'
import {
  HEX_SIZE_PER_TILE,
  hexbinThreshold,
  hexGridZoom,
  hexSizeAtZoom,
} from '../../domain/hexbin/disclosure.js'
import { type Disclosure, smallCellThreshold } from '../../contract/disclosure.js'
import type { TileAddress } from '../../geo/tile-address.js'

/**
 * The features of each tile layer as SQL: a relation with a WGS84 `geom` column and one column
 * per tile property (camelCase, as the map reads them). The encoders (encoders.ts) turn it into
 * a Mapbox Vector Tile, with ST_AsMVT on PostgreSQL or in Node on PGlite.
 */

/** One source-layer of a tile: its features as SQL (the functions below) and property names. */
export type TileLayerSql = {
  name: string
  features: RawBuilder<unknown>
  /** Columns of `features` written as properties, in this order. */
  properties: readonly string[]
  /** The `id` column is also the MVT feature id (MapLibre's feature-state and promoteId). */
  hasId: boolean
}

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
/** The cells of a tile's grid are the tiles this many zooms deeper (32 = 2^5). */
const CELL_ZOOM_OFFSET = Math.log2(CLUSTER_CELLS_PER_TILE)

/** One point per enterprise with its totals over the matching streams (z ≥ 8). */
export function enterprisePoints(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress, limit?: number) {
  const inTile = filteredEnterprises(db, filters, stTileEnvelope4326(tile, BUFFER_MARGIN))
  return enterprisePointsOf(db, filters, limit === undefined ? inTile : inTile.limit(limit))
}

/** enterprisePoints of the enterprises `selected` (the columns of filteredEnterprises). */
function enterprisePointsOf(
  db: Kysely<DB>,
  filters: SurveyFilters,
  selected: RawBuilder<unknown> | ReturnType<typeof filteredEnterprises>,
) {
  return sql`with sel as (${selected}),
    streams as (select s.* from (${matchingStreams(db, filters, { noisy: false })}) s where s.enterprise_id in (select id from sel)),
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
 * Enterprises gathered on a world-aligned grid, so a tile has at most 32 × 32 features whatever
 * the number of enterprises. A cluster sits at its members' mean. Counts and tonnes are summed
 * per cell straight from the streams (no per-enterprise step: 50,000 enterprises in a tile).
 */
export function enterpriseClusters(
  db: Kysely<DB>,
  filters: SurveyFilters,
  tile: TileAddress,
  privacy?: { gridZoom: number; minEnterprises: number },
) {
  // The public's clusters stay on the grid of `gridZoom` however far one zooms in, sit at their
  // cell's centre (not at their members' mean, which for one member is its site) and lose their
  // tonnes below k enterprises.
  const gridZoom = privacy ? Math.min(tile.z, privacy.gridZoom) : tile.z
  const cell = tileWidthM(gridZoom) / CLUSTER_CELLS_PER_TILE
  // Cells nest in tiles, so the enterprises counted are those of the cells the tile touches,
  // whole: the tile itself, or past gridZoom + 5 the one cell holding it. (Counting the whole
  // ancestor tile at gridZoom, as before, clustered 46k enterprises at z14 to draw 4: issue 14.)
  // The exact envelope for staff: each enterprise is counted by one tile. The public's has a
  // margin of one tile unit against rounding between degrees and metres at a cell's edge, and
  // keeps only the cells inside it: a cell drawn is always counted whole, so its count says
  // nothing of where in the cell its enterprises lie.
  const cells = privacy ? cellsTouched(tile, gridZoom) : undefined
  const selected = filteredEnterprises(
    db,
    filters,
    cells ? stTileEnvelope4326(cells.covering, 1 / TILE_EXTENT) : stTileEnvelope4326(tile),
  )
  const inCells = cells
    ? sql` where cx between ${cells.cx[0]} and ${cells.cx[1]} and cy between ${cells.cy[0]} and ${cells.cy[1]}`
    : sql``
  const position = privacy
    ? sql`(n.cx + 0.5) * ${cell}::float8 + ${WORLD_ORIGIN_M}::float8, (n.cy + 0.5) * ${cell}::float8 + ${WORLD_ORIGIN_M}::float8`
    : sql`n.x, n.y`
  const shown = privacy ? sql`n.n >= ${privacy.minEnterprises}` : sql`true`
  // the public's tonnes are noisy (matchingStreams) and rounded, as in every public output
  const published = (tonnes: RawBuilder<number>) => (privacy ? roundPublicSql(tonnes) : tonnes)
  return sql`with cells as (
      select s.id, ST_X(s.p) as x, ST_Y(s.p) as y,
        floor((ST_X(s.p) - ${WORLD_ORIGIN_M}::float8) / ${cell}::float8)::int as cx,
        floor((ST_Y(s.p) - ${WORLD_ORIGIN_M}::float8) / ${cell}::float8)::int as cy
      from (select e.id, ST_Transform(e.geom, 3857) as p from (${selected}) e) s
    ),
    counted as (select cx, cy, count(*)::int as n, avg(x) as x, avg(y) as y from cells${inCells} group by cx, cy),
    tonnes as (
      select c.cx, c.cy, sum(w.tonnes)::float8 as total_t,
        coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t
      from cells c join (${matchingStreams(db, filters, { noisy: privacy !== undefined })}) w on w.enterprise_id = c.id
      group by c.cx, c.cy
    )
    select ST_Transform(ST_SetSRID(ST_MakePoint(${position}), 3857), 4326) as geom,
      n.n as "enterpriseCount",
      case when ${shown} then ${published(sql`coalesce(t.total_t, 0)`)} end as "totalTonnesPerYear",
      case when ${shown} then ${published(sql`coalesce(t.hazardous_t, 0)`)} end as "hazardousTonnesPerYear"
    from counted n left join tonnes t on t.cx = n.cx and t.cy = n.cy`
}

/**
 * The cells of the grid of `gridZoom` (32 × 32 per tile of that zoom, world-aligned) that `tile`
 * touches: the tile that covers them exactly (the tile itself, or the cell holding it when the
 * tile is smaller than a cell) and their column and row ranges as the SQL numbers them (from the
 * world's south-west corner in EPSG:3857; tile rows count from the north).
 */
export function cellsTouched(tile: TileAddress, gridZoom: number) {
  const cellZoom = gridZoom + CELL_ZOOM_OFFSET
  const shift = Math.max(0, tile.z - cellZoom)
  const covering = { z: tile.z - shift, x: tile.x >> shift, y: tile.y >> shift }
  const perTile = 2 ** (cellZoom - covering.z)
  const rows = 2 ** cellZoom
  const cx: [number, number] = [covering.x * perTile, (covering.x + 1) * perTile - 1]
  const cy: [number, number] = [rows - (covering.y + 1) * perTile, rows - covering.y * perTile - 1]
  return { covering, cx, cy }
}

/**
 * The data revision (for the ETag) and, when `pointLimit` is given, whether the tile holds more
 * matching enterprises than that (then it is drawn as clusters even from zoom 8, so a dense city
 * tile stays under 500 KB; counting stops at the limit + 1). One statement, one round trip.
 */
export async function tileProbe(
  db: Kysely<DB>,
  filters: SurveyFilters,
  tile: TileAddress,
  pointLimit: number | undefined,
): Promise<{ revision: number; dense: boolean }> {
  const result = await tileProbeSql(db, filters, tile, pointLimit).execute(db)
  const row = result.rows[0]
  if (!row) throw new Error('data_revision is empty: migration 005 not applied?')
  return row
}

/** The one statement of tileProbe. */
export function tileProbeSql(
  db: Kysely<DB>,
  filters: SurveyFilters,
  tile: TileAddress,
  pointLimit: number | undefined,
) {
  const dense =
    pointLimit === undefined
      ? sql`false`
      : sql`(select count(*) from (
          select 1 from (${filteredEnterprises(db, filters, stTileEnvelope4326(tile, BUFFER_MARGIN))}) e
          limit ${pointLimit + 1}
        ) bounded) > ${pointLimit}`
  return sql<{ revision: number; dense: boolean }>`select
      (select revision from data_revision)::float8 as revision, ${dense} as dense`
}

/**
 * Hexagonal density: each matching enterprise falls in one hexagon of a world-aligned grid whose
 * size follows the zoom, so neighbouring tiles agree on every hexagon's count. For a viewer who
 * does not see small cells the grid stops at the zoom of the smallest hexagon they may see and
 * hexagons of fewer than k enterprises lose their figures (domain/hexbin/disclosure.ts, the rule
 * of /api/aggregates/hexbins too).
 */
export function hexbins(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress, disclosure: Disclosure) {
  const gridZoom = hexGridZoom(disclosure, tile.z, tile.y)
  const size = hexSizeAtZoom(gridZoom)
  // a hexagon drawn in this tile may hold points up to two radii outside it
  const radiusInTiles = HEX_SIZE_PER_TILE * 2 ** (tile.z - gridZoom)
  const within = stTileEnvelope4326(tile, BUFFER_MARGIN + 2 * radiusInTiles)
  const hexagon = stHexagon(size, sql`c.i`, sql`c.j`)
  const shown = sql`c.n >= ${hexbinThreshold(disclosure)}`
  const noisy = readsNoise(disclosure)
  const published = (tonnes: RawBuilder<number>) => (noisy ? roundPublicSql(tonnes) : tonnes)
  return sql`select ST_Transform(${hexagon}, 4326) as geom,
      case when ${shown} then c.n end as "enterpriseCount",
      case when ${shown} then ${published(sql`c.total_t`)} end as "totalTonnesPerYear",
      case when ${shown} then ${published(sql`c.hazardous_t`)} end as "hazardousTonnesPerYear"
    from (${hexbinCounts(db, filters, size, within, { noisy })}) c
    where ${hexagon} && ${stTileEnvelope(tile, BUFFER_MARGIN)}`
}

/**
 * Regions in the tile with their totals (computed once per data revision and filters). A region
 * whose totals `/api/aggregates` withholds from the viewer (fewer than k enterprises reported a
 * matching stream: contract/disclosure.ts, smallCellThreshold) has all its figures left out.
 */
export function regionPolygons(tile: TileAddress, totalsJson: string, disclosure: Disclosure) {
  // totalsJson: publishedRegionTotals (domain/region/totals.ts), noisy and rounded for the public
  const shown = sql`coalesce(t.reporting_count, 0) >= ${smallCellThreshold(disclosure)}`
  return sql`select r.geom, r.id, r.name, r.level, r.code, r.parent_id as "parentId", r.is_demo as "isDemo",
      case when ${shown} then coalesce(t.enterprise_count, 0) end as "enterpriseCount",
      case when ${shown} then coalesce(t.total_t, 0) end as "totalTonnesPerYear",
      case when ${shown} then coalesce(t.hazardous_t, 0) end as "hazardousTonnesPerYear",
      case when ${shown} then coalesce(t.recovered_t, 0) end as "recoveredTonnesPerYear",
      case when ${shown} then t.recovery_rate end as "recoveryRate"
    from regions r
    left join jsonb_to_recordset(${totalsJson}::jsonb)
      as t(region_id int, enterprise_count int, reporting_count int, total_t float8, hazardous_t float8,
        recovered_t float8, recovery_rate float8)
      on t.region_id = r.id
    where r.geom && ${stTileEnvelope4326(tile, BUFFER_MARGIN)}`
}

/**
 * Enterprises holding permits (treatment and recovery sites). Enterprise filters apply; of the
 * stream filters, an EWC filter keeps sites whose permits accept it (or accept any code), a
 * hazardous=true filter keeps sites allowed hazardous waste, a route filter their operations.
 * Staff only: the public gets publicTreatmentSites.
 */
export function treatmentSites(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress) {
  return sql`with sel as (${permitHolders(db, filters, tile)})
    select sel.geom, sel.id, sel.name,
      string_agg(distinct p.operation, ' ') as operations,
      count(*)::int as "permitCount",
      sum(p.capacity_t_per_year)::float8 as "capacityTonnesPerYear",
      bool_or(p.hazardous_allowed) as "hazardousAllowed",
      bool_or(p.operation like 'R%') as recovers,
      sel.is_demo as "isDemo"
    from sel join permits p on p.enterprise_id = sel.id
    where ${validToday} and ${permitConditions(filters)}
    group by sel.id, sel.geom, sel.name, sel.is_demo`
}

/**
 * What the public (and enterprise users) see of the permit register (issue 13, docs/disclosure.md
 * "Map tiles"): permits gathered on the public cluster grid (cells of zoom `gridZoom`, about 1 km),
 * one point per cell at the cell's centre with the number of valid permits, their operation
 * families (R, D: not the codes) and whether any allows hazardous waste; never the holder, its
 * site or the capacities. A route filter counts by family, so R5 cannot single out a code.
 */
export function publicTreatmentSites(
  db: Kysely<DB>,
  filters: SurveyFilters,
  tile: TileAddress,
  gridZoom: number,
) {
  const gridTile =
    tile.z > gridZoom
      ? { z: gridZoom, x: tile.x >> (tile.z - gridZoom), y: tile.y >> (tile.z - gridZoom) }
      : tile
  const cell = tileWidthM(gridZoom) / CLUSTER_CELLS_PER_TILE
  const route = filters.route?.startsWith('R') ? 'R' : filters.route?.startsWith('D') ? 'D' : filters.route
  const family = sql`left(h.operation, 1)`
  return sql`with sel as (${permitHolders(db, filters, gridTile, 0)}),
    held as (
      select floor((ST_X(q.p) - ${WORLD_ORIGIN_M}::float8) / ${cell}::float8)::int as cx,
        floor((ST_Y(q.p) - ${WORLD_ORIGIN_M}::float8) / ${cell}::float8)::int as cy,
        p.operation, p.hazardous_allowed, sel.is_demo
      from sel cross join lateral (select ST_Transform(sel.geom, 3857) as p) q
      join permits p on p.enterprise_id = sel.id
      where ${validToday} and ${permitConditions({ ...filters, route })}
    )
    select ST_Transform(ST_SetSRID(ST_MakePoint(
        (h.cx + 0.5) * ${cell}::float8 + ${WORLD_ORIGIN_M}::float8,
        (h.cy + 0.5) * ${cell}::float8 + ${WORLD_ORIGIN_M}::float8), 3857), 4326) as geom,
      string_agg(distinct ${family}, ' ' order by ${family}) as operations,
      count(*)::int as "permitCount",
      bool_or(h.hazardous_allowed) as "hazardousAllowed",
      bool_or(h.operation like 'R%') as recovers,
      bool_and(h.is_demo) as "isDemo"
    from held h group by h.cx, h.cy`
}

const validToday = sql<boolean>`(p.valid_to is null or p.valid_to >= current_date)`

/** The enterprises in the tile (buffered by `margin`) matching the enterprise filters only. */
function permitHolders(db: Kysely<DB>, filters: SurveyFilters, tile: TileAddress, margin = BUFFER_MARGIN) {
  const enterpriseOnly = { ...filters, ewc: undefined, hazardous: undefined, surveyYear: undefined }
  return filteredEnterprises(
    db,
    { ...enterpriseOnly, route: undefined, byproduct: undefined },
    stTileEnvelope4326(tile, margin),
  )
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

/** `select ST_AsMVT(…)` over the relation `from` holding the layer's features. */
function stAsMvtOf(from: string, layer: TileLayerSql, tile: TileAddress): RawBuilder<Uint8Array | null> {
  // `id` once as the feature id (ST_AsMVT takes the first column of that name) and again as a
  // property, as the Node encoder keeps it (promoteId)
  const columns = layer.properties.map((name) => sql`f.${sql.ref(name)}`)
  if (layer.hasId) columns.unshift(sql`f.id`)
  const featureId = layer.hasId ? sql`, 'id'` : sql``
  return sql<Uint8Array | null>`select ST_AsMVT(m, ${layer.name}, ${TILE_EXTENT}, 'mvt_geom'${featureId})
    from (
      select ${sql.join(columns)},
        ST_AsMVTGeom(ST_Transform(f.geom, 3857), ${stTileEnvelope(tile)}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as mvt_geom
      from ${sql.table(from)} f
    ) m
    where m.mvt_geom is not null`
}

/** One layer of the tile encoded by PostGIS's ST_AsMVT (PostgreSQL only). */
export function mvtLayerSql(layer: TileLayerSql, tile: TileAddress) {
  return sql<{ tile: Uint8Array | null }>`with f as (${layer.features})
      select (${stAsMvtOf('f', layer, tile)}) as tile`
}

/** The layer's features as GeoJSON with their properties, for the Node encoder (PGlite). */
export function geoJsonLayerSql(layer: TileLayerSql) {
  return sql<{ geometry: Geometry; properties: Record<string, unknown> }>`with f as (${layer.features})
      select ST_AsGeoJSON(f.geom, 9)::json as geometry, to_jsonb(f) - 'geom' as properties from f`
}

/**
 * The revision, the matching enterprises of the points' tile counted up to `pointLimit` + 1 and,
 * only when they are no more than `pointLimit`, their points' encoded tile, in one statement.
 * The enterprises are read once (at most limit + 1 of them); the points (streams, totals,
 * encoding) are a subquery behind a CASE, which PostgreSQL runs only when the branch is taken:
 * a dense tile builds no point.
 */
export function densityAndPointsSql(
  db: Kysely<DB>,
  filters: SurveyFilters,
  tile: TileAddress,
  pointLimit: number,
  points: Omit<TileLayerSql, 'features'>,
) {
  const inTile = filteredEnterprises(db, filters, stTileEnvelope4326(tile, BUFFER_MARGIN))
  const features = enterprisePointsOf(db, filters, sql`select * from tile_enterprises`)
  // materialized: both are read more than once, and inlined they could be computed again
  return sql<{ revision: number; n: number; tile: Uint8Array | null }>`with
      tile_enterprises as materialized (${inTile.limit(pointLimit + 1)}),
      d as materialized (select count(*)::int as n from tile_enterprises)
      select (select revision from data_revision)::float8 as revision, d.n,
        case when d.n <= ${pointLimit} then (
          with f as (${features})
          ${stAsMvtOf('f', { ...points, features }, tile)}
        ) end as tile
      from d`
}
