import { createHash } from 'node:crypto'
import {
  CLUSTER_BELOW_ZOOM,
  enterpriseClusterTileProperties,
  enterpriseTileProperties,
  hexbinTileProperties,
  MAX_POINTS_PER_TILE,
  PUBLIC_CLUSTER_GRID_ZOOM,
  regionTileProperties,
  sourceLayers,
  type TileParams,
  type TileQuery,
  treatmentSiteTileProperties,
} from '../../contract/tiles.js'
import { type Disclosure, smallCellThreshold } from '../../contract/disclosure.js'
import type { Database } from '../../db/database.js'
import { publishedRegionTotals, regionTotals } from '../../domain/region/totals.js'
import { readsNoise } from '../../domain/disclosure/noise.js'
import { latestSurveyYearWithData } from '../../domain/survey/years.js'
import { currentDataRevision } from '../../domain/survey/data-revision.js'
import { encodeTile, type TileEncoder } from './encoders.js'
import { TILE_CACHE_BYTES, type TileBody, tileBody, tileBodyCache } from './tile-cache.js'
import {
  densityAndPointsSql,
  enterpriseClusters,
  enterprisePoints,
  hexbins,
  publicTreatmentSites,
  regionPolygons,
  type TileLayerSql,
  tileProbe,
  treatmentSites,
} from './queries.js'

/** The public's treatment sites: no holder, no capacity (queries.ts, publicTreatmentSites). */
const publicTreatmentSiteProperties = treatmentSiteTileProperties.omit({
  id: true,
  name: true,
  capacityTonnesPerYear: true,
})

/**
 * `surveyYear`: the one survey year whose tonnes the tile holds (null: no data for the filters).
 * A tile's `gzipped` is its body compressed, or null when that would not be smaller.
 */
export type TileAnswer = { surveyYear: number | null } & (
  { kind: 'not-modified'; etag: string } | ({ kind: 'tile'; etag: string } & TileBody)
)

// Part of every ETag: bump it when the content of a tile changes for the same data (new
// properties, other clustering), so browsers drop tiles drawn by an older server.
const TILE_FORMAT = 2
const REGION_TOTALS_CACHE_SIZE = 32
const LATEST_YEAR_CACHE_SIZE = 64

/**
 * Builds tiles for one database. The encoder follows the database (ST_AsMVT on PostgreSQL, Node
 * on PGlite, which lacks it) unless a benchmark asks for one. Encoded tiles are kept in a cache
 * of `cacheBytes` (tile-cache.ts) shared by every viewer of this service.
 */
export function tileService(
  database: Database,
  {
    encoder = defaultEncoder(database),
    maxPointsPerTile = MAX_POINTS_PER_TILE,
    cacheBytes = TILE_CACHE_BYTES,
  }: { encoder?: TileEncoder; maxPointsPerTile?: number; cacheBytes?: number } = {},
) {
  const { db } = database
  const cache = tileBodyCache(cacheBytes)
  // tiles being built, so that a view's viewers asking at once for a new tile build it once
  const building = new Map<string, Promise<{ etag: string; body: TileBody }>>()

  const currentRevision = () => currentDataRevision(db)
  // Region totals cover every region, so they are computed once per data revision and filters,
  // not once per tile (a z5 view asks for a dozen region tiles at once).
  const regionTotalsCache = new Map<string, Promise<string>>()
  // The latest year of the filters, once per data revision and filters (every tile of a view asks).
  const latestYearCache = new Map<string, Promise<number | null>>()

  /**
   * Issue 12, "map circles and tile properties are for one survey year": a query without a
   * surveyYear gets the latest survey year with data for its other filters, so a tile never adds
   * several years together; "not reported for Y" is about Y (its streams counted are Y's).
   */
  async function resolveSurveyYear(
    query: TileQuery,
    revision?: number,
  ): Promise<{ query: TileQuery; surveyYear: number | null }> {
    if (query.surveyYear !== undefined) return { query, surveyYear: query.surveyYear }
    if (query.notReportedFor !== undefined) return { query, surveyYear: query.notReportedFor }
    const key = `${revision ?? (await currentRevision())}|${JSON.stringify(query)}`
    let cached = latestYearCache.get(key)
    if (!cached) {
      cached = latestSurveyYearWithData(db, query)
      cached.catch(() => latestYearCache.delete(key))
      latestYearCache.set(key, cached)
      if (latestYearCache.size > LATEST_YEAR_CACHE_SIZE) {
        const oldest = latestYearCache.keys().next().value
        if (oldest !== undefined) latestYearCache.delete(oldest)
      }
    }
    const surveyYear = await cached
    return { query: surveyYear === null ? query : { ...query, surveyYear }, surveyYear }
  }

  function totalsJson(revision: number, query: TileQuery, noise: { noisy: boolean }): Promise<string> {
    const key = `${revision}|${noise.noisy}|${JSON.stringify(query)}`
    let cached = regionTotalsCache.get(key)
    if (!cached) {
      cached = regionTotals(db, query, noise).then((rows) =>
        JSON.stringify(publishedRegionTotals(rows, noise)),
      )
      cached.catch(() => regionTotalsCache.delete(key))
      regionTotalsCache.set(key, cached)
      if (regionTotalsCache.size > REGION_TOTALS_CACHE_SIZE) {
        const oldest = regionTotalsCache.keys().next().value
        if (oldest !== undefined) regionTotalsCache.delete(oldest)
      }
    }
    return cached
  }

  async function layersFor(
    params: TileParams,
    query: TileQuery,
    { revision, dense }: { revision: number; dense: boolean },
    { seesSmallCells, minEnterprises }: Disclosure,
  ): Promise<TileLayerSql[]> {
    const tile = { z: params.z, x: params.x, y: params.y }
    // what the public may not see: single sites, and tonnes of fewer than k enterprises
    const disclosure = { seesSmallCells, minEnterprises }
    const k = smallCellThreshold(disclosure)
    const privacy = seesSmallCells ? undefined : { gridZoom: PUBLIC_CLUSTER_GRID_ZOOM, minEnterprises: k }
    switch (params.layer) {
      case 'enterprises':
        return params.z < CLUSTER_BELOW_ZOOM || dense || privacy
          ? [
              layer(
                sourceLayers.enterpriseClusters,
                enterpriseClusters(db, query, tile, privacy),
                enterpriseClusterTileProperties,
                false,
              ),
            ]
          : [
              layer(
                sourceLayers.enterprises,
                enterprisePoints(db, query, tile),
                enterpriseTileProperties,
                true,
              ),
            ]
      case 'regions':
        return [
          layer(
            sourceLayers.regions,
            regionPolygons(
              tile,
              await totalsJson(revision, query, { noisy: readsNoise(disclosure) }),
              disclosure,
            ),
            regionTileProperties,
            true,
          ),
        ]
      case 'treatment-sites':
        return [
          seesSmallCells
            ? layer(
                sourceLayers.treatmentSites,
                treatmentSites(db, query, tile),
                treatmentSiteTileProperties,
                true,
              )
            : layer(
                sourceLayers.treatmentSites,
                publicTreatmentSites(db, query, tile, PUBLIC_CLUSTER_GRID_ZOOM),
                publicTreatmentSiteProperties,
                false,
              ),
        ]
      case 'hexbins':
        return [
          layer(sourceLayers.hexbins, hexbins(db, query, tile, disclosure), hexbinTileProperties, false),
        ]
    }
  }

  /**
   * The common case of a first request, in one statement (the bench's z14 tiles spent a third of
   * their time on a separate probe): the revision, the number of enterprises counted up to the
   * limit + 1, and the encoded points only when that count allows them. A dense tile's points are
   * never built (issue 14: a dense z11 tile built and encoded 4,001 points to throw them away).
   */
  async function pointsInOneTrip(params: TileParams, query: TileQuery) {
    const tile = { z: params.z, x: params.x, y: params.y }
    // the layer's features are built by the statement, from the enterprises it counted
    const points = {
      name: sourceLayers.enterprises,
      properties: Object.keys(enterpriseTileProperties.shape),
      hasId: true,
    }
    const result = await densityAndPointsSql(db, query, tile, maxPointsPerTile, points).execute(db)
    const row = result.rows[0]
    if (!row) throw new Error('data_revision is empty: migration 005 not applied?')
    const dense = row.n > maxPointsPerTile
    return { revision: row.revision, dense, bytes: dense ? undefined : (row.tile ?? new Uint8Array()) }
  }

  /**
   * Builds the tile's body. Points or clusters is decided first, from the bounded count: on
   * PostgreSQL in the statement that also encodes a sparse tile's points, otherwise by the probe
   * (revision and density); then only the layer decided is built. The revision read with the
   * decision names the ETag, so the bytes stored under an ETag are never older than its revision.
   */
  async function build(
    params: TileParams,
    query: TileQuery,
    disclosure: Disclosure,
  ): Promise<{ etag: string; body: TileBody }> {
    const mayBeDense =
      disclosure.seesSmallCells && params.layer === 'enterprises' && params.z >= CLUSTER_BELOW_ZOOM
    const etagOf = (revision: number) =>
      etagFor(revision, encoder, maxPointsPerTile, params, query, disclosure)
    const probe: { revision: number; dense: boolean; bytes?: Uint8Array } =
      mayBeDense && encoder === 'postgis'
        ? await pointsInOneTrip(params, query)
        : await tileProbe(db, query, params, mayBeDense ? maxPointsPerTile : undefined)
    if (probe.bytes) return { etag: etagOf(probe.revision), body: await tileBody(probe.bytes) }
    const bytes = await encodeTile(encoder, db, params, await layersFor(params, query, probe, disclosure))
    return { etag: etagOf(probe.revision), body: await tileBody(bytes) }
  }

  return {
    encoder,
    resolveSurveyYear,
    /** Hits, misses and bytes held of the tile cache (tests and benchmarks). */
    cacheStats: () => cache.stats(),
    /**
     * The tile, or `not-modified` when the client's ETag still names the current data. The query
     * is resolved to one survey year first (resolveSurveyYear), and the ETag names that year. A
     * tile asked before at this data revision comes from the cache (one small query).
     */
    async tile(
      params: TileParams,
      asked: TileQuery,
      ifNoneMatch: string | undefined,
      disclosure: Disclosure = { seesSmallCells: true, minEnterprises: 0 },
    ): Promise<TileAnswer> {
      const revision = await currentRevision()
      const { query, surveyYear } = await resolveSurveyYear(asked, revision)
      const etag = etagFor(revision, encoder, maxPointsPerTile, params, query, disclosure)
      if (ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(etag)) {
        return { kind: 'not-modified', etag, surveyYear }
      }
      const cached = cache.get(etag)
      if (cached) return { kind: 'tile', etag, surveyYear, ...cached }
      let pending = building.get(etag)
      if (!pending) {
        pending = build(params, query, disclosure)
        building.set(etag, pending)
        // the built tile is stored under the ETag of the revision it was read at (a write may
        // have committed since `revision` was read: then that is a newer key)
        pending
          .then((built) => cache.set(built.etag, built.body))
          .catch(() => undefined)
          .finally(() => building.delete(etag))
      }
      const built = await pending
      return { kind: 'tile', etag: built.etag, surveyYear, ...built.body }
    },
  }
}
export type TileService = ReturnType<typeof tileService>

function layer(
  name: string,
  features: TileLayerSql['features'],
  schema: { shape: Record<string, unknown> },
  hasId: boolean,
): TileLayerSql {
  return { name, features, properties: Object.keys(schema.shape), hasId }
}

function defaultEncoder(database: Database): TileEncoder {
  return database.kind === 'postgres' ? 'postgis' : 'node'
}

/**
 * Names a tile's bytes: everything they depend on, so it is also the tile cache's key. The
 * density (points or clusters) follows from the data at the revision and the point limit, so the
 * limit is named, not the density, and the ETag is known before any tile query. The disclosure
 * keeps apart what the public and staff get; viewers of one disclosure get the same bytes.
 */
function etagFor(
  revision: number,
  encoder: TileEncoder,
  maxPointsPerTile: number,
  params: TileParams,
  query: TileQuery,
  disclosure: Disclosure,
): string {
  const hash = createHash('sha1')
    .update(JSON.stringify([TILE_FORMAT, encoder, maxPointsPerTile, params, query, disclosure]))
    .digest('base64url')
    .slice(0, 16)
  return `"${revision}-${hash}"`
}
