import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newUser, signIn, type Credentials } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { buildApp } from '../../app.js'
import { CSRF_HEADER } from '../../contract/accounts.js'
import { registerErrorHandler } from '../../plugins/error-handler.js'
import { importRoutes } from './routes.js'
import { DEFAULT_IMPORT_LIMIT_BYTES } from './service.js'

/**
 * Issue 13: "50 MB import limit enforced only after 50 MB of work (Node clients never see the
 * 413)". Over a real socket with Node's own HTTP client: a declared Content-Length over the limit
 * is answered before the body is sent, and a body streaming past the limit is cut off there.
 */

type Answer = { status: number; body: string; bytesSent: number }

/** Sends the headers, then `chunk` again and again until the server answers (or `maxChunks`). */
function send(
  url: string,
  headers: http.OutgoingHttpHeaders,
  { chunk, maxChunks }: { chunk?: Buffer; maxChunks?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let bytesSent = 0
    let answered = false
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      answered = true
      const parts: Buffer[] = []
      response.on('data', (part: Buffer) => parts.push(part))
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), bytesSent })
        request.destroy()
      })
    })
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    request.flushHeaders()
    if (!chunk) return // only the headers: the body is never sent
    let sent = 0
    const pump = () => {
      while (!answered && sent < (maxChunks ?? Infinity)) {
        sent += 1
        bytesSent += chunk.length
        if (!request.write(chunk)) return void request.once('drain', pump)
      }
      if (!answered) request.end()
    }
    pump()
  })
}

describe('the import size limit over a real socket', () => {
  let app: FastifyInstance
  let base: string
  let session: Credentials
  beforeAll(async () => {
    const database = await testDatabase()
    app = await buildApp({ database })
    await app.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    session = await signIn(app, (await newUser(database.db, 'admin')).email)
  })
  afterAll(() => app?.close())

  it('a Content-Length over the limit gets 413 at once, before any body is sent', async () => {
    const started = performance.now()
    const answer = await send(`${base}/api/imports`, {
      cookie: session.cookie,
      [CSRF_HEADER]: session.csrfToken,
      'content-type': 'text/csv',
      'content-length': String(DEFAULT_IMPORT_LIMIT_BYTES + 1),
    })
    expect(answer.status).toBe(413)
    expect(answer.bytesSent).toBe(0)
    expect(JSON.parse(answer.body).error.message).toBe(
      'The file is larger than the import limit of 50 MB; split it into smaller files',
    )
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('a multipart request may declare its envelope beyond the limit, not more', async () => {
    const answer = await send(`${base}/api/imports`, {
      cookie: session.cookie,
      [CSRF_HEADER]: session.csrfToken,
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': String(DEFAULT_IMPORT_LIMIT_BYTES + 1024 * 1024),
    })
    expect(answer.status).toBe(413)
  })

  it('who may import is still decided first: without a session 401, not 413', async () => {
    const answer = await send(`${base}/api/imports`, {
      'content-type': 'text/csv',
      'content-length': String(DEFAULT_IMPORT_LIMIT_BYTES * 2),
    })
    expect(answer.status).toBe(401)
  })
})

describe('a body streaming past the limit', () => {
  const limit = 64 * 1024
  let small: FastifyInstance
  let base: string
  beforeAll(async () => {
    small = Fastify().withTypeProvider<ZodTypeProvider>()
    small.setValidatorCompiler(validatorCompiler)
    small.setSerializerCompiler(serializerCompiler)
    registerErrorHandler(small, { singlePageApp: false })
    small.decorateRequest('viewer', null as never)
    small.addHook('onRequest', async (request) => {
      request.viewer = { kind: 'user', userId: 0, role: 'admin', enterpriseId: null, regionIds: [] }
    })
    await small.register(importRoutes(await testDatabase(), { maxBytes: limit }), { prefix: '/api' })
    await small.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(small.server.address() as AddressInfo).port}`
  })
  afterAll(() => small?.close())

  it('is cut off at the limit with 413 while the client is still sending (chunked, no Content-Length)', async () => {
    const chunk = Buffer.alloc(4096, ' ')
    chunk.write('{"type":"FeatureCollection","features":[')
    const answer = await send(
      `${base}/api/imports`,
      { 'content-type': 'application/geo+json', 'transfer-encoding': 'chunked' },
      { chunk, maxChunks: 100_000 }, // 400 MB if nobody stopped it
    )
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.message).toContain('64 kB')
    // the answer came while the client was still sending, long before its 400 MB
    expect(answer.bytesSent).toBeLessThan(100_000 * chunk.length)
    // and the server lets go of the connection instead of holding the paused socket for a minute
    const connections = () =>
      new Promise<number>((resolve) => small.server.getConnections((_error, n) => resolve(n)))
    const until = performance.now() + 3000
    while ((await connections()) > 0 && performance.now() < until)
      await new Promise((r) => setTimeout(r, 100))
    expect(await connections()).toBe(0)
  })

  it('the Content-Length is checked against the route’s own limit', async () => {
    const answer = await send(`${base}/api/imports`, {
      'content-type': 'text/csv',
      'content-length': String(limit + 1),
    })
    expect(answer.status).toBe(413)
  })
})
