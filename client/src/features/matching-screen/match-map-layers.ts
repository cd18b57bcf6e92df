import type { CircleLayerSpecification, LineLayerSpecification } from 'maplibre-gl'

export const MATCH_LINES = 'match-lines'
export const MATCH_POINTS = 'match-points'

/** Supplier → receiver lines; the selected candidate drawn thick and dark. */
export const matchLineLayer: LineLayerSpecification = {
  id: 'match-lines',
  type: 'line',
  source: MATCH_LINES,
  layout: { 'line-cap': 'round' },
  paint: {
    'line-color': ['case', ['get', 'selected'], '#0b5d3b', '#2f9e6b'],
    'line-width': ['case', ['get', 'selected'], 5, 2],
    'line-opacity': ['case', ['get', 'selected'], 1, 0.7],
  },
}

/** The supplier (orange) and the receivers (green). */
export const matchPointLayer: CircleLayerSpecification = {
  id: 'match-points',
  type: 'circle',
  source: MATCH_POINTS,
  paint: {
    'circle-radius': ['case', ['==', ['get', 'role'], 'supplier'], 8, 5],
    'circle-color': ['case', ['==', ['get', 'role'], 'supplier'], '#d9731a', '#1f7a4d'],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1.5,
  },
}
