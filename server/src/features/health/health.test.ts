import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'

let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
})
afterAll(() => app.close())

describe('GET /api/health', () => {
  it('names the database backend and the PostGIS version', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.status).toBe('ok')
    expect(body.database).toBe((await testDatabase()).kind)
    expect(body.database).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite')
    expect(body.postgis).toMatch(/^3\.\d+\.\d+/)
  })
})

describe('API documentation and errors', () => {
  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/catalog/ewc', '/api/catalog/ewc/{code}']),
    )
    expect(doc.components.schemas.EwcEntry).toBeDefined()
  })

  it('serves the browsable docs page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
  })

  it('answers an unknown route with the structured 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/no-such-thing' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route GET /api/no-such-thing', details: [] },
    })
  })
})
