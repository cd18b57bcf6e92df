import { CLUSTER_BELOW_ZOOM, sourceLayers } from '@contract/tiles.js'
import type {
  CircleLayerSpecification,
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl'
import type { ColourBy } from '../map-display.js'
import {
  CLUSTER_COLOUR,
  EWC_CHAPTER_COLOURS,
  HAZARD_COLOURS,
  NACE_SECTION_COLOURS,
  NO_CATEGORY_COLOUR,
  ROUTE_COLOURS,
  SELECTION_COLOUR,
} from './palettes.js'

export const ENTERPRISE_SOURCE = 'enterprise-tiles'

/** The tile property each colouring reads. */
export const colourProperty = {
  ewc: 'dominantEwcChapter',
  nace: 'naceSection',
  hazardous: 'hasHazardous',
  route: 'dominantRoute',
} as const satisfies Record<ColourBy, string>

/** Category → colour for each colouring; hazardous keys are the strings 'true' / 'false'. */
export const categoryColours: Record<ColourBy, Readonly<Record<string, string>>> = {
  ewc: EWC_CHAPTER_COLOURS,
  nace: NACE_SECTION_COLOURS,
  hazardous: { true: HAZARD_COLOURS.hazardous, false: HAZARD_COLOURS.nonHazardous },
  route: ROUTE_COLOURS,
}

/** A `match` on the colouring's property; enterprises without a known category are grey. */
export function enterpriseColour(colourBy: ColourBy): ExpressionSpecification {
  const pairs = Object.entries(categoryColours[colourBy]).flat()
  const input: ExpressionSpecification = ['to-string', ['get', colourProperty[colourBy]]]
  return ['match', input, ...pairs, NO_CATEGORY_COLOUR] as ExpressionSpecification
}

/**
 * Tonnes per year → circle radius in px at mid zoom; the legend draws the same stops. The radius
 * follows the square root, so a generator 100× larger is 10× wider, not 100×. Zoomed in, every
 * circle grows a little so single sites stay easy to hit.
 */
export const TONNE_RADIUS_STOPS = [
  [0, 3],
  [100, 6],
  [10_000, 15],
  [90_000, 28],
] as const

const radiusByTonnes = [
  'interpolate',
  ['linear'],
  ['sqrt', ['get', 'totalTonnesPerYear']],
  ...TONNE_RADIUS_STOPS.flatMap(([tonnes, px]) => [Math.sqrt(tonnes), px]),
] as ExpressionSpecification

/** `['zoom']` must be the input of the outermost interpolate, so a ring's extra width goes inside each stop. */
function radius(extraPx = 0): DataDrivenPropertyValueSpecification<number> {
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    CLUSTER_BELOW_ZOOM,
    ['+', extraPx, ['*', 0.8, radiusByTonnes]],
    11,
    ['+', extraPx, radiusByTonnes],
    14,
    ['+', extraPx, ['*', 1.4, radiusByTonnes]],
  ]
}

export function enterpriseCircleLayer(colourBy: ColourBy): CircleLayerSpecification {
  return {
    id: 'enterprise-circles',
    type: 'circle',
    source: ENTERPRISE_SOURCE,
    'source-layer': sourceLayers.enterprises,
    // no zoom limits: a tile holds points or clusters, never both (see MAX_POINTS_PER_TILE)
    // Big generators underneath, so a small one on top of them can still be clicked.
    layout: { 'circle-sort-key': ['-', 0, ['get', 'totalTonnesPerYear']] },
    paint: {
      'circle-radius': radius(),
      'circle-color': enterpriseColour(colourBy),
      'circle-opacity': 0.88,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.2,
    },
  }
}

export const enterpriseSelectedLayer: CircleLayerSpecification = {
  id: 'enterprise-selected',
  type: 'circle',
  source: ENTERPRISE_SOURCE,
  'source-layer': sourceLayers.enterprises,
  filter: ['==', ['id'], -1],
  paint: {
    'circle-radius': radius(4),
    'circle-color': 'rgba(0,0,0,0)',
    'circle-stroke-color': SELECTION_COLOUR,
    'circle-stroke-width': 3,
  },
}

/**
 * Clusters, wherever a tile has them (below CLUSTER_BELOW_ZOOM, and dense tiles above it): one
 * circle per grid cell, area by the number of enterprises in it.
 */
export const clusterCircleLayer: CircleLayerSpecification = {
  id: 'enterprise-cluster-circles',
  type: 'circle',
  source: ENTERPRISE_SOURCE,
  'source-layer': sourceLayers.enterpriseClusters,
  paint: {
    'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'enterpriseCount']], 1, 9, 10, 24, 40, 48],
    'circle-color': CLUSTER_COLOUR,
    'circle-opacity': 0.78,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1.5,
  },
}

/**
 * The count inside each cluster. The offline basemap has no glyph server, so the number is an
 * icon drawn on demand by map/generated-icons.ts (`count:<n>`), not a text label.
 */
export const clusterCountLayer: SymbolLayerSpecification = {
  id: 'enterprise-cluster-counts',
  type: 'symbol',
  source: ENTERPRISE_SOURCE,
  'source-layer': sourceLayers.enterpriseClusters,
  layout: {
    'icon-image': ['concat', 'count:', ['to-string', ['get', 'enterpriseCount']]],
    'icon-allow-overlap': true,
    'icon-ignore-placement': true,
  },
}
