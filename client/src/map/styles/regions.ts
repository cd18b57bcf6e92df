import type { FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl'

export const REGION_SOURCE = 'regions'

export const regionFillLayer: FillLayerSpecification = {
  id: 'region-fill',
  type: 'fill',
  source: REGION_SOURCE,
  // Pilot regions are the frame, sub-regions the cells: only the cells are tinted.
  filter: ['!=', ['get', 'level'], 'pilot'],
  paint: { 'fill-color': '#2f7d6d', 'fill-opacity': 0.08 },
}

export const regionOutlineLayer: LineLayerSpecification = {
  id: 'region-outline',
  type: 'line',
  source: REGION_SOURCE,
  paint: {
    'line-color': '#2f7d6d',
    'line-width': ['case', ['==', ['get', 'level'], 'pilot'], 2.5, 1.2],
    'line-dasharray': ['case', ['==', ['get', 'level'], 'pilot'], ['literal', [1]], ['literal', [3, 2]]],
  },
}
