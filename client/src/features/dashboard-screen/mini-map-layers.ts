import type { FillLayerSpecification, FilterSpecification, LineLayerSpecification } from 'maplibre-gl'

export const MINI_MAP_SOURCE = 'dashboard-regions'

/** Only the regions on the dashboard. */
export function selectedRegionFilter(regionIds: readonly number[]): FilterSpecification {
  return ['in', ['get', 'id'], ['literal', [...regionIds]]]
}

/** Every region, faintly, for orientation. */
export const regionContextLayer: LineLayerSpecification = {
  id: 'mini-region-context',
  type: 'line',
  source: MINI_MAP_SOURCE,
  paint: { 'line-color': '#66727a', 'line-width': 1.2, 'line-dasharray': [3, 2] },
}

/** The dashboard's regions, filled and outlined strongly (filtered by selectedRegionFilter). */
export const selectedRegionLayers: (FillLayerSpecification | LineLayerSpecification)[] = [
  {
    id: 'mini-region-fill',
    type: 'fill',
    source: MINI_MAP_SOURCE,
    filter: selectedRegionFilter([]),
    paint: { 'fill-color': '#2f7d6d', 'fill-opacity': 0.3 },
  },
  {
    id: 'mini-region-outline',
    type: 'line',
    source: MINI_MAP_SOURCE,
    filter: selectedRegionFilter([]),
    paint: { 'line-color': '#1f5c50', 'line-width': 2.5 },
  },
]
