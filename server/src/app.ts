import fs from 'node:fs'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Database } from './db/database.js'
import { catalogRoutes } from './features/catalog/routes.js'
import { enterpriseRoutes } from './features/enterprises/routes.js'
import { healthRoutes } from './features/health/routes.js'
import { regionRoutes } from './features/regions/routes.js'
import { registerErrorHandler } from './plugins/error-handler.js'
import { registerOpenApi } from './plugins/openapi.js'

export type AppOptions = {
  database: Database
  /** Built client (client/dist) served at `/`; omitted in API tests. */
  clientDir?: string
  logLevel?: string
}

/** Builds the Fastify app without listening (tests call `app.inject`). */
export async function buildApp({
  database,
  clientDir,
  logLevel = 'silent',
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: logLevel },
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  const servesClient = clientDir !== undefined && fs.existsSync(clientDir)
  if (servesClient) await app.register(fastifyStatic, { root: clientDir, wildcard: false })
  registerErrorHandler(app, { singlePageApp: servesClient })
  await registerOpenApi(app)

  await app.register(
    async (api) => {
      await api.register(healthRoutes(database))
      await api.register(catalogRoutes(database))
      await api.register(regionRoutes(database))
      await api.register(enterpriseRoutes(database))
    },
    { prefix: '/api' },
  )

  return app
}
