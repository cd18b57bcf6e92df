import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { newEnterprise, newRegion, testArea } from '../../../test/factories.js'
import type { RegionCollection } from '../../contract/regions.js'

let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
})
afterAll(() => app.close())

describe('GET /api/regions', () => {
  it('counts the enterprises located in a region, its sub-regions included', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const parent = await newRegion(db, { west: lon, south: lat, east: lon + 1, north: lat + 1 }, 'Parent')
    const child = await newRegion(db, { west: lon, south: lat, east: lon + 0.5, north: lat + 0.5 }, 'Child')
    await newEnterprise(db, { lon: lon + 0.25, lat: lat + 0.25 }) // in the child
    await newEnterprise(db, { lon: lon + 0.75, lat: lat + 0.75 }) // in the parent only
    await newEnterprise(db, { lon: lon + 0.5, lat: lat + 0.25 }) // on the child's east edge
    await newEnterprise(db, { lon: lon + 1.5, lat: lat + 0.5 }) // outside both

    const response = await app.inject({ method: 'GET', url: '/api/regions' })
    expect(response.statusCode).toBe(200)
    const body = response.json<RegionCollection>()
    const count = (id: number) => body.features.find((f) => f.id === id)?.properties.enterpriseCount
    expect(count(parent.id)).toBe(3)
    expect(count(child.id)).toBe(2)
  })

  it('answers GeoJSON MultiPolygons in lon/lat', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await newRegion(db, { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const body = (await app.inject({ method: 'GET', url: '/api/regions' })).json<RegionCollection>()
    const feature = body.features.find((f) => f.id === region.id)
    expect(feature?.geometry.type).toBe('MultiPolygon')
    expect(feature?.geometry.coordinates[0]?.[0]).toContainEqual([lon, lat])
  })
})
