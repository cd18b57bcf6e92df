import {
  enterpriseClusterTileProperties,
  type RegionTileProperties,
  regionTileProperties,
  sourceLayers,
} from '@contract/tiles.js'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { type ColourBy, colourDimensions } from './map-display.js'
import { layerIds } from './map-layers.js'
import { colourProperty } from './styles/enterprises.js'
import { REGION_TILE_SOURCE } from './styles/region-tiles.js'

/**
 * What the map shows right now, read from the rendered tiles after each render settles: the
 * legend lists only the categories on screen, the choropleth's classes come from the regions'
 * figures, and the counts are what a user (and a browser test) can check against the picture.
 */
export type RenderedSummary = {
  /** Enterprises drawn: single circles, or the sum of the clusters' counts when zoomed out. */
  enterpriseCount: number
  clustered: boolean
  /** Categories among the drawn circles, per colouring (hazardous as 'true' / 'false', '' for none). */
  categories: Record<ColourBy, string[]>
  /** Regions in the loaded tiles, once each, with their totals for the current filters. */
  regions: RegionTileProperties[]
  hexbinMaxCount: number
  siteCount: number
}

export function summariseRendered(map: MapLibreMap): RenderedSummary {
  const visible = (id: string) =>
    map.getLayer(id) !== undefined && map.getLayoutProperty(id, 'visibility') !== 'none'
  const rendered = (id: string) => (visible(id) ? map.queryRenderedFeatures({ layers: [id] }) : [])

  const circles = rendered(layerIds.enterprises)
  const enterpriseIds = new Set(circles.map((f) => f.id ?? f.properties.id))
  const categories = Object.fromEntries(
    colourDimensions.map((dimension) => {
      // '' stands for circles without the property (none of their streams match the filters)
      const values = new Set(circles.map((f) => String(f.properties[colourProperty[dimension]] ?? '')))
      return [dimension, [...values].sort()]
    }),
  ) as Record<ColourBy, string[]>

  const clusters = rendered(layerIds.clusters)
  const clusteredCount = clusters.reduce((sum, f) => {
    const parsed = enterpriseClusterTileProperties.safeParse(f.properties)
    return sum + (parsed.success ? parsed.data.enterpriseCount : 0)
  }, 0)

  const regions = new Map<number, RegionTileProperties>()
  for (const feature of map.querySourceFeatures(REGION_TILE_SOURCE, { sourceLayer: sourceLayers.regions })) {
    const parsed = regionTileProperties.safeParse(feature.properties)
    if (parsed.success && !regions.has(parsed.data.id)) regions.set(parsed.data.id, parsed.data)
  }

  const hexbinCounts = rendered(layerIds.hexbins).map((f) => Number(f.properties.enterpriseCount) || 0)
  // the public's sites carry no id: one site per position then
  const siteIds = new Set(
    rendered(layerIds.sites).map((f) => f.id ?? f.properties.id ?? JSON.stringify(f.geometry)),
  )

  return {
    enterpriseCount: enterpriseIds.size + clusteredCount,
    clustered: clusters.length > 0,
    categories,
    regions: [...regions.values()].sort((a, b) => a.id - b.id),
    hexbinMaxCount: Math.max(0, ...hexbinCounts),
    siteCount: siteIds.size,
  }
}

/** True when two summaries would draw the same legend and counts (skips a React update per frame). */
export function sameSummary(a: RenderedSummary | undefined, b: RenderedSummary): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b)
}
