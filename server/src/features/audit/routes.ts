import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditPageSchema, auditQuerySchema } from '../../contract/audit.js'
import { apiErrorSchema } from '../../contract/errors.js'
import type { Database } from '../../db/database.js'
import { toAuditEntry } from './mappers.js'
import { countAuditEntries, listAuditEntries } from './queries.js'

/** Only a GET: entries are written by the features, in the transaction of the change they record. */
export const auditRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Who changed what and when, with the record before and after; newest first',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema, 400: apiErrorSchema },
        },
      },
      async (request) => {
        const rows = await listAuditEntries(db, request.query)
        const total = await countAuditEntries(db, request.query)
        return { total, items: rows.map(toAuditEntry) }
      },
    )
  }
