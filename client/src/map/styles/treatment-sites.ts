import { sourceLayers } from '@contract/tiles.js'
import type { SymbolLayerSpecification } from 'maplibre-gl'

export const SITE_SOURCE = 'treatment-site-tiles'

/** Names of the square site markers drawn by map/generated-icons.ts. */
export const siteIcon = (recovers: boolean, hazardousAllowed: boolean) =>
  `site:${recovers ? 'recovery' : 'disposal'}${hazardousAllowed ? ':hazardous' : ''}`

/**
 * Treatment sites (enterprises holding permits) as squares, so they never read as a waste
 * generator's circle: green when they recover (any R permit), purple for disposal only, with a
 * red rim when hazardous waste is allowed. Bigger stated capacity, bigger square.
 */
export const treatmentSiteLayer: SymbolLayerSpecification = {
  id: 'treatment-sites',
  type: 'symbol',
  source: SITE_SOURCE,
  'source-layer': sourceLayers.treatmentSites,
  layout: {
    visibility: 'none',
    'icon-image': [
      'concat',
      'site:',
      ['case', ['to-boolean', ['get', 'recovers']], 'recovery', 'disposal'],
      ['case', ['to-boolean', ['get', 'hazardousAllowed']], ':hazardous', ''],
    ],
    'icon-size': [
      'interpolate',
      ['linear'],
      ['sqrt', ['coalesce', ['get', 'capacityTonnesPerYear'], 0]],
      0,
      0.8,
      100,
      1.1,
      300,
      1.5,
    ],
    'icon-allow-overlap': true,
    'icon-ignore-placement': true,
  },
}
