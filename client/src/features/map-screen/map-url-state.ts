import { MAX_TILE_ZOOM, type TileQuery, tileQuerySchema } from '@contract/tiles.js'
import {
  type ChoroplethMeasure,
  type ColourBy,
  choroplethMeasures,
  colourDimensions,
  defaultLayers,
  type LayerToggle,
  layerToggles,
  type MapCamera,
  type MapDisplay,
} from '../../map/map-display.js'
import { filterSearchParams } from '../../map/tile-urls.js'

/**
 * Everything that makes a view of the waste map, as the URL keeps it: a shared or reloaded link
 * restores the same camera, filters, colouring, choropleth, layers and selection.
 */
export type MapUrlState = {
  camera: MapCamera | undefined
  filters: TileQuery
  display: MapDisplay
  enterpriseId: number | undefined
  selectedRegionId: number | undefined
}

export const DEFAULT_COLOUR_BY: ColourBy = 'ewc'
export const DEFAULT_MEASURE: ChoroplethMeasure = 'totalTonnesPerYear'

/** Reads the URL; a value that does not parse is ignored, as if it were absent. */
export function parseMapUrl(params: URLSearchParams): MapUrlState {
  return {
    camera: parseCamera(params),
    filters: parseFilters(params),
    display: {
      colourBy: oneOf(colourDimensions, params.get('colour')) ?? DEFAULT_COLOUR_BY,
      measure:
        params.get('measure') === 'none'
          ? null
          : (oneOf(choroplethMeasures, params.get('measure')) ?? DEFAULT_MEASURE),
      regionLevel: params.get('level')?.match(/^[a-z0-9]{1,20}$/)?.[0],
      layers: parseLayers(params.get('layers')),
    },
    enterpriseId: positiveInt(params.get('enterprise')),
    selectedRegionId: positiveInt(params.get('selectedRegion')),
  }
}

/** Writes the state; defaults are left out so a plain link stays short. */
export function writeMapUrl(state: MapUrlState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.camera) {
    params.set('z', state.camera.zoom.toFixed(2))
    params.set('lat', state.camera.lat.toFixed(5))
    params.set('lon', state.camera.lon.toFixed(5))
  }
  for (const [name, value] of filterSearchParams(state.filters)) params.set(name, value)
  const { colourBy, measure, regionLevel, layers } = state.display
  if (colourBy !== DEFAULT_COLOUR_BY) params.set('colour', colourBy)
  if (measure !== DEFAULT_MEASURE) params.set('measure', measure ?? 'none')
  if (regionLevel !== undefined) params.set('level', regionLevel)
  if (layerToggles.some((layer) => layers[layer] !== defaultLayers[layer])) {
    params.set('layers', layerToggles.filter((layer) => layers[layer]).join(',') || 'none')
  }
  if (state.enterpriseId !== undefined) params.set('enterprise', String(state.enterpriseId))
  if (state.selectedRegionId !== undefined) params.set('selectedRegion', String(state.selectedRegionId))
  return params
}

/** The camera rounded the way the URL writes it, so comparing a map camera with the URL's is exact. */
export function roundCamera(camera: MapCamera): MapCamera {
  return {
    zoom: Number(camera.zoom.toFixed(2)),
    lat: Number(camera.lat.toFixed(5)),
    lon: Number(camera.lon.toFixed(5)),
  }
}

function parseCamera(params: URLSearchParams): MapCamera | undefined {
  const zoom = finite(params.get('z'))
  const lat = finite(params.get('lat'))
  const lon = finite(params.get('lon'))
  if (zoom === undefined || lat === undefined || lon === undefined) return undefined
  if (zoom < 0 || zoom > MAX_TILE_ZOOM || Math.abs(lat) > 85 || Math.abs(lon) > 180) return undefined
  return { zoom, lat, lon }
}

/** Each filter through the contract's own schema, one at a time, so one bad value drops only itself. */
function parseFilters(params: URLSearchParams): TileQuery {
  const filters: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(tileQuerySchema.shape)) {
    const raw = params.get(name)
    if (raw === null) continue
    const parsed = schema.safeParse(raw)
    if (parsed.success && parsed.data !== undefined) filters[name] = parsed.data
  }
  // every key was parsed by the schema's own field
  return filters as TileQuery
}

function parseLayers(value: string | null): Record<LayerToggle, boolean> {
  if (value === null) return { ...defaultLayers }
  const named = new Set(value.split(','))
  const known = layerToggles.filter((layer) => named.has(layer))
  if (known.length === 0 && value !== 'none') return { ...defaultLayers }
  return Object.fromEntries(layerToggles.map((layer) => [layer, named.has(layer)])) as Record<
    LayerToggle,
    boolean
  >
}

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((option) => option === value)
}

function finite(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value)
  return value !== null && Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined
}
