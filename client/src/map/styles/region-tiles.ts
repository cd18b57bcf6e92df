import { sourceLayers } from '@contract/tiles.js'
import type {
  ExpressionSpecification,
  FilterSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl'
import type { ChoroplethMeasure } from '../map-display.js'
import { CHOROPLETH_RAMPS, NO_DATA_COLOUR, REGION_LINE_COLOUR, SELECTION_COLOUR } from './palettes.js'

/**
 * Regions from the vector tiles, with their totals for the current filters. (styles/regions.ts
 * draws regions from GeoJSON on the editing screens.)
 */
export const REGION_TILE_SOURCE = 'region-tiles'

/** The colours of `classCount` classes, spread over the measure's ramp light → dark. */
export function classColours(measure: ChoroplethMeasure, classCount: number): string[] {
  const ramp: readonly string[] = CHOROPLETH_RAMPS[measure]
  const pick = (index: number) => ramp[index] ?? NO_DATA_COLOUR
  if (classCount <= 1) return [pick(2)]
  return Array.from({ length: classCount }, (_, i) =>
    pick(Math.round((i * (ramp.length - 1)) / (classCount - 1))),
  )
}

/**
 * A `step` over the class breaks (n breaks → n + 1 classes); a region without the figure (no
 * tonnes, so no recovery rate) gets the no-data colour.
 */
export function choroplethColour(
  measure: ChoroplethMeasure,
  breaks: readonly number[],
): ExpressionSpecification {
  const colours = classColours(measure, breaks.length + 1)
  const first = colours[0] ?? NO_DATA_COLOUR
  // a step needs at least one stop; with a single class every region has the one colour
  const steps = breaks.flatMap((value, i) => [value, colours[i + 1] ?? NO_DATA_COLOUR])
  const step: ExpressionSpecification | string =
    steps.length === 0 ? first : (['step', ['get', measure], first, ...steps] as ExpressionSpecification)
  return ['case', ['has', measure], step, NO_DATA_COLOUR]
}

export function levelFilter(level: string | undefined): FilterSpecification {
  return level === undefined ? ['!=', ['get', 'level'], 'pilot'] : ['==', ['get', 'level'], level]
}

export const choroplethFillLayer: FillLayerSpecification = {
  id: 'region-choropleth',
  type: 'fill',
  source: REGION_TILE_SOURCE,
  'source-layer': sourceLayers.regions,
  filter: levelFilter(undefined),
  paint: { 'fill-color': NO_DATA_COLOUR, 'fill-opacity': 0.62 },
}

/** Every region's boundary; pilot regions (the frame of a survey) drawn stronger. */
export const regionBoundaryLayer: LineLayerSpecification = {
  id: 'region-boundaries',
  type: 'line',
  source: REGION_TILE_SOURCE,
  'source-layer': sourceLayers.regions,
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': REGION_LINE_COLOUR,
    'line-width': ['case', ['==', ['get', 'level'], 'pilot'], 2.4, 1],
    'line-opacity': ['case', ['==', ['get', 'level'], 'pilot'], 0.9, 0.7],
  },
}

export const regionSelectedLayer: LineLayerSpecification = {
  id: 'region-selected',
  type: 'line',
  source: REGION_TILE_SOURCE,
  'source-layer': sourceLayers.regions,
  filter: ['==', ['id'], -1],
  layout: { 'line-join': 'round' },
  paint: { 'line-color': SELECTION_COLOUR, 'line-width': 3 },
}
