import { z } from 'zod'
import { surveyFiltersSchema } from './survey-filters.js'

/**
 * Vector tiles of the waste map (`/api/tiles/{layer}/{z}/{x}/{y}.mvt`). Each tile layer named
 * here is a source-layer in the Mapbox Vector Tile; property names are the camelCase names below.
 */
export const tileLayers = ['enterprises', 'regions', 'treatment-sites', 'hexbins'] as const
export const tileLayerSchema = z.enum(tileLayers).describe('enterprises, regions, treatment-sites or hexbins')
export type TileLayer = z.infer<typeof tileLayerSchema>

/**
 * The public never gets single enterprises: its clusters stay on this zoom's grid (cells of about
 * 1.2 km at the equator) however far the map is zoomed in.
 */
export const PUBLIC_CLUSTER_GRID_ZOOM = 10

/** Below this zoom the enterprises tile holds grid clusters, never single enterprises. */
export const CLUSTER_BELOW_ZOOM = 8
/**
 * From CLUSTER_BELOW_ZOOM on, a tile with more matching enterprises than this is clustered too
 * (a capital at z8 holds 20,000+), so every tile stays under 500 KB. Clusters can therefore
 * appear at any zoom: draw `enterprise_clusters` whenever the tile has them.
 */
export const MAX_POINTS_PER_TILE = 4000
export const MAX_TILE_ZOOM = 22

/** Source-layer names inside the tiles. */
export const sourceLayers = {
  enterprises: 'enterprises',
  enterpriseClusters: 'enterprise_clusters',
  regions: 'regions',
  treatmentSites: 'treatment_sites',
  hexbins: 'hexbins',
} as const

export const tileParamsSchema = z
  .object({
    layer: tileLayerSchema,
    z: z.coerce
      .number()
      .int('must be a whole zoom level')
      .min(0, 'must be 0 or more')
      .max(MAX_TILE_ZOOM, `must be ${MAX_TILE_ZOOM} or less`),
    x: z.coerce.number().int('must be a whole tile column').min(0, 'must be 0 or more'),
    y: z.coerce.number().int('must be a whole tile row').min(0, 'must be 0 or more'),
  })
  .superRefine((tile, ctx) => {
    const size = 2 ** tile.z
    for (const axis of ['x', 'y'] as const) {
      if (tile[axis] >= size) {
        ctx.addIssue({
          code: 'custom',
          path: [axis],
          message: `must be below ${size} at zoom ${tile.z}`,
        })
      }
    }
  })
export type TileParams = z.infer<typeof tileParamsSchema>

/** The survey filters of the list API, minus the bounding box (a tile is its own box). */
export const tileQuerySchema = surveyFiltersSchema.omit({ bbox: true })
export type TileQuery = z.infer<typeof tileQuerySchema>

/** Dominant management route of an enterprise's streams, by tonnes. */
export const routeFamilies = ['recovery', 'disposal', 'unknown'] as const
export type RouteFamily = (typeof routeFamilies)[number]

/**
 * Properties of one feature per source-layer, as the map styles read them. Booleans and numbers
 * stay typed in the tile; a property that would be null is left out of the feature.
 */
export const enterpriseTileProperties = z.object({
  id: z.number().int(),
  name: z.string(),
  naceCode: z.string(),
  naceSection: z.string().describe('NACE section letter'),
  sizeClass: z.string().optional(),
  totalTonnesPerYear: z.number().describe('Sum of the streams that match the filters'),
  hazardousTonnesPerYear: z.number(),
  recoveredTonnesPerYear: z.number().describe('Tonnes with an R route'),
  streamCount: z.number().int(),
  dominantEwcChapter: z.string().optional().describe('Two-digit EWC chapter with the most tonnes'),
  dominantRoute: z.enum(routeFamilies),
  hasHazardous: z.boolean(),
  offersByproduct: z.boolean(),
  isDemo: z.boolean(),
})
export type EnterpriseTileProperties = z.infer<typeof enterpriseTileProperties>

/** For the public, the tonnes of a cluster, region or hexagon of fewer than k enterprises are left out. */
export const enterpriseClusterTileProperties = z.object({
  enterpriseCount: z.number().int(),
  totalTonnesPerYear: z.number().optional(),
  hazardousTonnesPerYear: z.number().optional(),
})

export const regionTileProperties = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.string(),
  code: z.string().optional(),
  parentId: z.number().int().optional(),
  isDemo: z.boolean(),
  enterpriseCount: z
    .number()
    .int()
    .optional()
    .describe('Matching enterprises located in the region, sub-regions included'),
  // every figure is left out for the public where /api/aggregates suppresses the region's totals
  // (fewer than k enterprises reported a matching stream; issue 13)
  totalTonnesPerYear: z.number().optional(),
  hazardousTonnesPerYear: z.number().optional(),
  recoveredTonnesPerYear: z.number().optional(),
  recoveryRate: z
    .number()
    .optional()
    .describe('Recovered (R) tonnes / all tonnes, 0–1; left out when the region has no tonnes'),
})
export type RegionTileProperties = z.infer<typeof regionTileProperties>

export const treatmentSiteTileProperties = z.object({
  id: z.number().int().optional().describe('The enterprise holding the permits (not for the public)'),
  name: z.string().optional(),
  operations: z.string().describe('Its permitted operations, space-separated: "R4 R5"'),
  permitCount: z.number().int(),
  capacityTonnesPerYear: z.number().optional().describe('Sum of the stated capacities'),
  hazardousAllowed: z.boolean(),
  recovers: z.boolean().describe('At least one R operation'),
  isDemo: z.boolean(),
})

export const hexbinTileProperties = z.object({
  // left out, with the tonnes, for the public below k enterprises (domain/hexbin/disclosure.ts)
  enterpriseCount: z.number().int().optional(),
  totalTonnesPerYear: z.number().optional(),
  hazardousTonnesPerYear: z.number().optional(),
})

/** TileJSON 3.0.0 for one layer, with the filters of the request baked into the tile URL. */
export const tileJsonSchema = z
  .object({
    tilejson: z.literal('3.0.0'),
    name: z.string(),
    tiles: z.array(z.string()),
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
    bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    vector_layers: z.array(
      z.object({
        id: z.string(),
        fields: z.record(z.string(), z.string()),
        minzoom: z.number().int().optional(),
        maxzoom: z.number().int().optional(),
      }),
    ),
  })
  .meta({ id: 'TileJson' })
export type TileJson = z.infer<typeof tileJsonSchema>

/** Settings the map needs from the server: an optional remote basemap style (no key needed). */
export const mapConfigSchema = z
  .object({
    basemapStyleUrl: z
      .string()
      .nullable()
      .describe('LOOPMAP_BASEMAP_STYLE; null means the bundled offline Natural Earth basemap'),
  })
  .meta({ id: 'MapConfig' })
export type MapConfig = z.infer<typeof mapConfigSchema>
