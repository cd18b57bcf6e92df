import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { idParamsSchema } from '../../contract/common.js'
import {
  enterpriseCollectionSchema,
  enterpriseInputSchema,
  enterpriseListQuerySchema,
  enterpriseSchema,
  enterpriseUpdateSchema,
} from '../../contract/enterprises.js'
import { apiErrorSchema } from '../../contract/errors.js'
import type { Database } from '../../db/database.js'
import { getEnterprise } from '../../domain/enterprise/read.js'
import { createEnterprise, removeEnterprise, updateEnterprise } from '../../domain/enterprise/write.js'
import { listEnterprises } from './service.js'

export const enterpriseRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/enterprises',
      {
        schema: {
          tags: ['enterprises'],
          summary: 'Enterprises as a GeoJSON FeatureCollection, with their waste totals',
          description:
            'Filters combine with AND. EWC, hazardous and survey year select enterprises with at least one matching waste stream. `total` counts the matches before paging.',
          querystring: enterpriseListQuerySchema,
          response: { 200: enterpriseCollectionSchema, 400: apiErrorSchema },
        },
      },
      async (request) => listEnterprises(db, request.query),
    )

    app.get(
      '/enterprises/:id',
      {
        schema: {
          tags: ['enterprises'],
          summary: 'One enterprise with its waste streams, resource needs and permits',
          params: idParamsSchema,
          response: { 200: enterpriseSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => getEnterprise(db, request.params.id),
    )

    app.post(
      '/enterprises',
      {
        schema: {
          tags: ['enterprises'],
          summary: 'Register an enterprise',
          description:
            'The region is derived from the location by the database. A location outside every region is accepted: regionId is null and outsideEveryRegion true.',
          body: enterpriseInputSchema,
          response: { 201: enterpriseSchema, 400: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await createEnterprise(db, request.body, {
            namesOtherEnterprises: request.disclosure.seesSmallCells,
          }),
        ),
    )

    app.put(
      '/enterprises/:id',
      {
        schema: {
          tags: ['enterprises'],
          summary: 'Replace an enterprise’s own fields (not its streams, needs or permits)',
          description:
            'Send every field: optional ones left out become empty. `version` is the version last read; if the enterprise changed since, the answer is 409 with the current version and nothing is written.',
          params: idParamsSchema,
          body: enterpriseUpdateSchema,
          response: { 200: enterpriseSchema, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      async (request) =>
        updateEnterprise(db, request.params.id, request.body, {
          namesOtherEnterprises: request.disclosure.seesSmallCells,
        }),
    )

    app.delete(
      '/enterprises/:id',
      {
        schema: {
          tags: ['enterprises'],
          summary: 'Delete an enterprise with its waste streams, resource needs and permits',
          description: 'What was deleted stays readable in the audit log.',
          params: idParamsSchema,
          response: { 204: z.null().describe('Deleted'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        await removeEnterprise(db, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
