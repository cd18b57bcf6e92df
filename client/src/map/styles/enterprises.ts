import type { CircleLayerSpecification } from 'maplibre-gl'

export const ENTERPRISE_SOURCE = 'enterprises'
export const ENTERPRISE_COLORS = { hazardous: '#c0392b', nonHazardous: '#2f6f9f' } as const

/**
 * Enterprises as circles: area grows with tonnes per year (square root, so a 100× larger
 * generator is 10× wider, not 100×), red when any stream is hazardous.
 */
export const enterpriseCircleLayer: CircleLayerSpecification = {
  id: 'enterprise-circles',
  type: 'circle',
  source: ENTERPRISE_SOURCE,
  paint: {
    'circle-radius': [
      'interpolate',
      ['linear'],
      ['sqrt', ['get', 'totalTonnesPerYear']],
      0,
      4,
      10,
      8,
      100,
      22,
    ],
    'circle-color': [
      'case',
      ['>', ['get', 'hazardousTonnesPerYear'], 0],
      ENTERPRISE_COLORS.hazardous,
      ENTERPRISE_COLORS.nonHazardous,
    ],
    'circle-opacity': 0.75,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1,
  },
}
