import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { enterpriseCollectionSchema, enterpriseListQuerySchema } from '../../contract/enterprises.js'
import { apiErrorSchema } from '../../contract/errors.js'
import type { Database } from '../../db/database.js'
import { toEnterpriseFeature } from './mappers.js'
import { listEnterpriseSummaries } from './queries.js'

export const enterpriseRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/enterprises',
      {
        schema: {
          tags: ['enterprises'],
          summary: 'Enterprises as a GeoJSON FeatureCollection, with their waste totals',
          querystring: enterpriseListQuerySchema,
          response: { 200: enterpriseCollectionSchema, 400: apiErrorSchema },
        },
      },
      async (request) => ({
        type: 'FeatureCollection' as const,
        features: (await listEnterpriseSummaries(db, request.query)).map(toEnterpriseFeature),
      }),
    )
  }
