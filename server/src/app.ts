import fs from 'node:fs'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { TrustProxy } from './config.js'
import { findBadText } from './contract/common.js'
import type { Database } from './db/database.js'
import { readRouting } from './db/read-replica.js'
import { accountRoutes } from './features/accounts/routes.js'
import { aggregateRoutes } from './features/aggregates/routes.js'
import { auditRoutes } from './features/audit/routes.js'
import { catalogRoutes } from './features/catalog/routes.js'
import { coverageRoutes } from './features/coverage/routes.js'
import { enterpriseRoutes } from './features/enterprises/routes.js'
import { exportRoutes } from './features/exports/routes.js'
import { healthRoutes } from './features/health/routes.js'
import { importRoutes } from './features/imports/routes.js'
import { matchingRoutes } from './features/matching/routes.js'
import { permitRoutes } from './features/permits/routes.js'
import { regionRoutes } from './features/regions/routes.js'
import { streamDraftRoutes } from './features/stream-drafts/routes.js'
import { tileRoutes } from './features/tiles/routes.js'
import { resourceNeedRoutes } from './features/resource-needs/routes.js'
import { wasteStreamRoutes } from './features/waste-streams/routes.js'
import { registerAuth } from './plugins/auth.js'
import { HttpError, registerErrorHandler } from './plugins/error-handler.js'
import { registerOpenApi } from './plugins/openapi.js'
import { registerSecurityHeaders } from './plugins/security-headers.js'

export type AppOptions = {
  database: Database
  /** Built client (client/dist) served at `/`; omitted in API tests. */
  clientDir?: string
  logLevel?: string
  /** LOOPMAP_BASEMAP_STYLE, handed to the map through /api/map-config. */
  basemapStyleUrl?: string | undefined
  /** Disclosure control: cells from fewer enterprises are suppressed for the public (default 3). */
  disclosureMinEnterprises?: number
  /** Failed sign-ins allowed per account in 15 minutes (default 10). */
  signInAttempts?: number
  /** Failed sign-ins allowed per client address in 15 minutes (default 50). */
  signInAttemptsPerAddress?: number
  /**
   * LOOPMAP_TRUST_PROXY (default off): trust X-Forwarded-For/-Proto from a TLS proxy in front,
   * so the client address and `Secure` on the session cookie are right (Fastify's trustProxy).
   */
  trustProxy?: TrustProxy
}

/**
 * The most a client has to send a whole request, body included (Node's requestTimeout, checked
 * every 30 s): a request trickled byte by byte is answered 408 and its socket closed, instead of
 * holding it open for ever. Above the import's own upload limit (120 s, features/imports/spool.ts),
 * which answers first and by name.
 */
export const REQUEST_TIMEOUT_MS = 150_000

/**
 * With a read replica: a request that only reads (GET, HEAD) reads from it once it has caught up
 * with the primary (db/read-replica.ts), from the first hook on, the session lookup included.
 */
function routeReads(app: FastifyInstance, database: Database) {
  const caughtUp = database.replicaCaughtUp
  if (!caughtUp) return
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done()
    void caughtUp().then((replica) => readRouting.run({ replica }, done))
  })
}

/** Builds the Fastify app without listening (tests call `app.inject`). */
export async function buildApp({
  database,
  clientDir,
  logLevel = 'silent',
  basemapStyleUrl,
  disclosureMinEnterprises = 3,
  signInAttempts = 10,
  signInAttemptsPerAddress = 50,
  trustProxy = false,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: logLevel },
    bodyLimit: 10 * 1024 * 1024,
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  const servesClient = clientDir !== undefined && fs.existsSync(clientDir)
  if (servesClient) await app.register(fastifyStatic, { root: clientDir, wildcard: false })
  registerErrorHandler(app, { singlePageApp: servesClient })
  await registerSecurityHeaders(app, { basemapStyleUrl })
  routeReads(app, database)
  await registerAuth(app, database.db, { minEnterprises: disclosureMinEnterprises })
  await registerOpenApi(app)
  // text hygiene at the edge: NUL and lone surrogates in any field are a 400 naming it (issue 13)
  app.addHook('preValidation', async (request) => {
    const parts = { body: request.body, query: request.query, params: request.params }
    for (const [part, value] of Object.entries(parts)) {
      const bad = findBadText(value, part)
      if (bad)
        throw new HttpError(400, 'VALIDATION_FAILED', `Invalid ${part}: ${bad.path}: ${bad.message}`, [bad])
    }
  })

  await app.register(
    async (api) => {
      await api.register(healthRoutes(database))
      await api.register(
        accountRoutes(database, {
          signInLimits: { perAccount: signInAttempts, perAddress: signInAttemptsPerAddress },
        }),
      )
      await api.register(catalogRoutes(database))
      await api.register(regionRoutes(database))
      await api.register(enterpriseRoutes(database))
      await api.register(wasteStreamRoutes(database))
      await api.register(streamDraftRoutes(database))
      await api.register(resourceNeedRoutes(database))
      await api.register(permitRoutes(database))
      await api.register(auditRoutes(database))
      await api.register(tileRoutes(database, { basemapStyleUrl }))
      await api.register(aggregateRoutes(database))
      await api.register(coverageRoutes(database))
      for (const routes of [importRoutes, exportRoutes]) await api.register(routes(database))
      await api.register(matchingRoutes(database))
    },
    { prefix: '/api' },
  )

  return app
}
