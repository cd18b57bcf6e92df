import type { RegionCollection } from '@contract/regions.js'
import type { Position } from 'geojson'

/** [west, south, east, north] in degrees, as MapLibre's fitBounds takes it. */
export type Bounds = [number, number, number, number]

/** The outer rings' extent, or undefined when there are none. */
export function boundsOfPolygons(polygons: Iterable<readonly (readonly Position[])[]>): Bounds | undefined {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon === undefined || lat === undefined) continue
      west = Math.min(west, lon)
      east = Math.max(east, lon)
      south = Math.min(south, lat)
      north = Math.max(north, lat)
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : undefined
}

/** The extent of the regions (those `include` keeps), or undefined when there are none. */
export function boundsOfRegions(
  regions: RegionCollection | undefined,
  include: (id: number) => boolean = () => true,
): Bounds | undefined {
  const kept = regions?.features.filter((feature) => include(feature.properties.id)) ?? []
  return boundsOfPolygons(kept.flatMap((feature) => feature.geometry.coordinates))
}
