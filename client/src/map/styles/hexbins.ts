import { sourceLayers } from '@contract/tiles.js'
import type { ExpressionSpecification, FillLayerSpecification } from 'maplibre-gl'
import { HEXBIN_RAMP } from './palettes.js'

export const HEXBIN_SOURCE = 'hexbin-tiles'

/**
 * Enterprises per hexagon, from one to the most in view (`maxCount`, measured by MapView from
 * the rendered hexagons), so the ramp uses its whole range at every zoom.
 */
export function hexbinColour(maxCount: number): ExpressionSpecification {
  const top = Math.max(2, maxCount)
  // a hexagon of fewer than k enterprises comes to the public without a count: the lightest
  return [
    'interpolate',
    ['linear'],
    ['coalesce', ['get', 'enterpriseCount'], 1],
    1,
    HEXBIN_RAMP[0],
    (1 + top) / 2,
    HEXBIN_RAMP[1],
    top,
    HEXBIN_RAMP[2],
  ]
}

export const hexbinFillLayer: FillLayerSpecification = {
  id: 'hexbins',
  type: 'fill',
  source: HEXBIN_SOURCE,
  'source-layer': sourceLayers.hexbins,
  layout: { visibility: 'none' },
  paint: {
    'fill-color': hexbinColour(2),
    'fill-opacity': 0.78,
    'fill-outline-color': 'rgba(255,255,255,0.8)',
  },
}
