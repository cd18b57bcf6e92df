import { type TileLayer, type TileQuery, tileQuerySchema } from '@contract/tiles.js'

/** The filter names in the contract's order, so the same filters always make the same URL (one cache entry). */
const filterNames = Object.keys(tileQuerySchema.shape) as (keyof TileQuery)[]

/** Filters as query parameters, the way the list API and the tile endpoints read them. */
export function filterSearchParams(filters: TileQuery): URLSearchParams {
  const params = new URLSearchParams()
  for (const name of filterNames) {
    const value = filters[name]
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  return params
}

/**
 * The `tiles` template of a vector source. MapLibre needs an absolute URL here; it is built by
 * hand because `new URL()` would percent-encode the `{z}/{x}/{y}` placeholders.
 */
export function tileUrlTemplate(layer: TileLayer, filters: TileQuery, origin: string): string {
  const search = filterSearchParams(filters).toString()
  return `${origin.replace(/\/$/, '')}/api/tiles/${layer}/{z}/{x}/{y}.mvt${search ? `?${search}` : ''}`
}
