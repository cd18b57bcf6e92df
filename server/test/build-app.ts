import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { testDatabase } from './database.js'

/** The real app on the test database, for `app.inject`. */
export async function buildTestApp(): Promise<FastifyInstance> {
  const app = await buildApp({ database: await testDatabase() })
  await app.ready()
  return app
}
