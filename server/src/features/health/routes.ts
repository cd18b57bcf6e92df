import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { healthSchema } from '../../contract/health.js'
import type { Database } from '../../db/database.js'
import { postgisVersion } from '../../db/postgis.js'

export const healthRoutes =
  (database: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Is the server up, and on which database',
          response: { 200: healthSchema },
        },
      },
      async () => ({
        status: 'ok' as const,
        database: database.kind,
        postgis: await postgisVersion(database.db),
      }),
    )
  }
