import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { regionCollectionSchema } from '../../contract/regions.js'
import type { Database } from '../../db/database.js'
import { toRegionFeature } from './mappers.js'
import { listRegions } from './queries.js'

export const regionRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'All regions as a GeoJSON FeatureCollection',
          response: { 200: regionCollectionSchema },
        },
      },
      async () => ({
        type: 'FeatureCollection' as const,
        features: (await listRegions(db)).map(toRegionFeature),
      }),
    )
  }
