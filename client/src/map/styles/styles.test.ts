import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl'
import { describe, expect, it } from 'vitest'
import { choroplethMeasures, colourDimensions } from '../map-display.js'
import { basemapStyle } from './basemap.js'
import {
  clusterCircleLayer,
  clusterCountLayer,
  ENTERPRISE_SOURCE,
  enterpriseCircleLayer,
  enterpriseColour,
  enterpriseSelectedLayer,
} from './enterprises.js'
import { HEXBIN_SOURCE, hexbinColour, hexbinFillLayer } from './hexbins.js'
import {
  choroplethColour,
  choroplethFillLayer,
  classColours,
  levelFilter,
  REGION_TILE_SOURCE,
  regionBoundaryLayer,
  regionSelectedLayer,
} from './region-tiles.js'
import { SITE_SOURCE, treatmentSiteLayer } from './treatment-sites.js'

const vector = { type: 'vector' as const, tiles: ['http://localhost/{z}/{x}/{y}.mvt'] }

/** MapLibre's own style validator over a style holding the given layers on our sources. */
function errorsOf(layers: LayerSpecification[]): string[] {
  const style: StyleSpecification = {
    version: 8,
    sources: {
      ...basemapStyle.sources,
      [ENTERPRISE_SOURCE]: vector,
      [REGION_TILE_SOURCE]: vector,
      [HEXBIN_SOURCE]: vector,
      [SITE_SOURCE]: vector,
    },
    layers: [...basemapStyle.layers, ...layers],
  }
  return validateStyleMin(style).map((error) => error.message)
}

const staticLayers = [
  choroplethFillLayer,
  regionBoundaryLayer,
  regionSelectedLayer,
  hexbinFillLayer,
  enterpriseSelectedLayer,
  clusterCircleLayer,
  clusterCountLayer,
  treatmentSiteLayer,
]

describe('the waste map layer styles', () => {
  it('are valid MapLibre style, for every colouring', () => {
    for (const colourBy of colourDimensions) {
      expect(errorsOf([...staticLayers, enterpriseCircleLayer(colourBy)])).toEqual([])
    }
  })

  it('make a valid enterprise colour expression for every colouring', () => {
    for (const colourBy of colourDimensions) {
      const layer = { ...enterpriseCircleLayer('ewc'), paint: { 'circle-color': enterpriseColour(colourBy) } }
      expect(errorsOf([layer])).toEqual([])
    }
  })

  it('make a valid choropleth for every measure and any number of classes, including one', () => {
    for (const measure of choroplethMeasures) {
      for (const breaks of [[], [10], [10, 100], [1, 2, 3, 4]]) {
        const layer = { ...choroplethFillLayer, paint: { 'fill-color': choroplethColour(measure, breaks) } }
        expect(errorsOf([layer]), `${measure} ${breaks.join(',')}`).toEqual([])
      }
    }
  })

  it('make valid level filters and hex-bin ramps', () => {
    expect(errorsOf([{ ...choroplethFillLayer, filter: levelFilter('admin2') }])).toEqual([])
    for (const max of [0, 1, 2, 50]) {
      expect(errorsOf([{ ...hexbinFillLayer, paint: { 'fill-color': hexbinColour(max) } }])).toEqual([])
    }
  })

  it('spread class colours from light to dark without repeating', () => {
    expect(classColours('totalTonnesPerYear', 5)).toEqual([
      '#ffffd4',
      '#fed98e',
      '#fe9929',
      '#d95f0e',
      '#993404',
    ])
    expect(classColours('totalTonnesPerYear', 3)).toEqual(['#ffffd4', '#fe9929', '#993404'])
    expect(new Set(classColours('recoveryRate', 4)).size).toBe(4)
  })
})
