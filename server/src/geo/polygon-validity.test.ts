import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { booleanClockwise } from '@turf/boolean-clockwise'
import { describe, expect, it } from 'vitest'
import { areaGeometrySchema, type PolygonGeometry } from '../contract/geojson.js'
import { checkAreaGeometry } from './polygon-validity.js'

const clockwiseSquare: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
      [0, 0],
    ],
  ],
}
const bowTie: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ],
  ],
}

describe('checkAreaGeometry', () => {
  it('refuses a self-intersecting ring (bow-tie) and says where', () => {
    const result = checkAreaGeometry(bowTie)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]?.path).toBe('geometry.coordinates.0')
    expect(result.issues[0]?.message).toMatch(/intersects itself near \[0\.5/)
  })

  it('rewinds a clockwise outer ring to counter-clockwise (RFC 7946) and returns a MultiPolygon', () => {
    const result = checkAreaGeometry(clockwiseSquare)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.geometry.type).toBe('MultiPolygon')
    const outer = result.geometry.coordinates[0]?.[0]
    expect(outer && booleanClockwise(outer)).toBe(false)
  })

  // the real file lives beside the repository, not in it: skipped cleanly where it is absent
  const azeFile = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../../shared/data/geo/geoBoundaries-AZE-ADM2_simplified.geojson',
  )
  it.skipIf(!fs.existsSync(azeFile))(
    'passes every district of the real geoBoundaries AZE ADM2 file, as PostGIS ST_IsValid does',
    () => {
      // Turf's kinks refused 7 of its 79 features (positions a rounding error from an edge); PostGIS
      // calls all 79 valid (checked with ST_IsValidReason on PostgreSQL 15, GEOS 3.11)
      const file = azeFile
      const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { geometry: unknown }[] }
      expect(collection.features).toHaveLength(79)
      const refused = collection.features.filter(
        (f) => !checkAreaGeometry(areaGeometrySchema.parse(f.geometry)).ok,
      )
      expect(refused).toEqual([])
    },
  )

  it('does not mutate its input', () => {
    const input = structuredClone(clockwiseSquare)
    checkAreaGeometry(input)
    expect(input).toEqual(clockwiseSquare)
  })
})

describe('areaGeometrySchema', () => {
  it('refuses an unclosed ring with the reason', () => {
    const result = areaGeometrySchema.safeParse({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(/not closed/)
  })

  it('refuses coordinates out of range, NaN and Infinity', () => {
    for (const bad of [200, Number.NaN, Number.POSITIVE_INFINITY]) {
      const ring = [
        [0, 0],
        [bad, 0],
        [1, 1],
        [0, 0],
      ]
      expect(areaGeometrySchema.safeParse({ type: 'Polygon', coordinates: [ring] }).success).toBe(false)
    }
  })

  it('refuses an empty MultiPolygon and a null geometry', () => {
    expect(areaGeometrySchema.safeParse({ type: 'MultiPolygon', coordinates: [] }).success).toBe(false)
    expect(areaGeometrySchema.safeParse(null).success).toBe(false)
  })
})
