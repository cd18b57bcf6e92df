import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildTestApp } from './build-app.js'

/**
 * The app of a test file: built before its tests (signed in as an admin unless `as` says
 * otherwise, see buildTestApp) and closed after them. Call the returned function in a test.
 */
export function appPerFile(options: Parameters<typeof buildTestApp>[0] = {}): () => FastifyInstance {
  let app: FastifyInstance | undefined
  beforeAll(async () => {
    app = await buildTestApp(options)
  })
  afterAll(() => app?.close())
  return () => {
    if (!app) throw new Error('the test app is built in beforeAll')
    return app
  }
}
