import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { healthSchema } from '../../contract/health.js'
import type { Database } from '../../db/database.js'
import { postgisVersion } from '../../db/postgis.js'

export const healthRoutes =
  (database: Database): FastifyPluginAsyncZod =>
  async (app) => {
    // read once: health answers from the process, so it stays quick while the database is busy
    // with the longest statement a request may run (issue 13); a stopped database shows in
    // every other route's 5xx, not here
    const postgis = await postgisVersion(database.db)
    app.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Is the server up, and on which database (answered without asking the database)',
          response: { 200: healthSchema },
        },
      },
      async () => ({
        status: 'ok' as const,
        database: database.kind,
        postgis,
      }),
    )
  }
