import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../test/database.js'
import { buildApp, REQUEST_TIMEOUT_MS } from './app.js'

// Regression: registering the single-page fallback next to the API's 404 handler once made
// buildApp throw at start-up ("Not found handler already set"), so only the API tests passed.
let app: FastifyInstance
let clientDir: string
beforeAll(async () => {
  clientDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-client-'))
  await fs.writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>Loopmap test page</title>')
  app = await buildApp({ database: await testDatabase(), clientDir })
})
afterAll(async () => {
  await app.close()
  await fs.rm(clientDir, { recursive: true, force: true })
})

describe('serving the built client', () => {
  it('serves index.html at /', async () => {
    const response = await app.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('Loopmap test page')
  })

  it('answers a client-side route with the page when a browser asks for HTML', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/catalog?tab=nace',
      headers: { accept: 'text/html' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
  })

  it('keeps unknown API paths as 404 JSON errors, even for a browser', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { accept: 'text/html' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json().error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No route GET /api/nothing-here',
    })
  })
})

describe('time limits of the HTTP server', () => {
  it('gives a client at most REQUEST_TIMEOUT_MS to send a request, and headers their own minute', () => {
    // Node enforces these on the listening server (Fastify hands requestTimeout on to it)
    expect(app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS)
    expect(REQUEST_TIMEOUT_MS).toBeGreaterThan(120_000) // the import's upload limit answers first
    expect(app.server.headersTimeout).toBeLessThanOrEqual(60_000)
  })
})
