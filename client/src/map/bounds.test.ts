import type { RegionCollection } from '@contract/regions.js'
import { describe, expect, it } from 'vitest'
import { boundsOfPolygons, boundsOfRegions } from './bounds.js'

const square = (west: number, south: number, size: number) => [
  [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south],
  ],
]

describe('boundsOfPolygons', () => {
  it('spans the outer rings of every polygon', () => {
    expect(boundsOfPolygons([square(49, 40, 1), square(50.5, 39.5, 0.2)])).toEqual([49, 39.5, 50.7, 41])
  })

  it('is undefined for no polygons', () => {
    expect(boundsOfPolygons([])).toBeUndefined()
  })
})

describe('boundsOfRegions', () => {
  const region = (id: number, coordinates: ReturnType<typeof square>) => ({
    type: 'Feature',
    properties: { id },
    geometry: { type: 'MultiPolygon', coordinates: [coordinates] },
  })
  const regions = {
    type: 'FeatureCollection',
    features: [region(1, square(49, 40, 1)), region(2, square(45, 38, 1))],
  } as unknown as RegionCollection

  it('keeps only the regions asked for', () => {
    expect(boundsOfRegions(regions, (id) => id === 2)).toEqual([45, 38, 46, 39])
    expect(boundsOfRegions(regions)).toEqual([45, 38, 50, 41])
    expect(boundsOfRegions(undefined)).toBeUndefined()
  })
})
