import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { surveyFiltersSchema } from '../../contract/survey-filters.js'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  resourceNeedInputSchema,
  resourceNeedListSchema,
  resourceNeedPageSchema,
  resourceNeedSchema,
  resourceNeedUpdateSchema,
} from '../../contract/resource-needs.js'
import {
  enterpriseItemParamsSchema,
  enterpriseScopeParamsSchema,
  surveyListPaging,
} from '../../contract/waste-streams.js'
import type { Database } from '../../db/database.js'
import { createNeed, deleteNeedOf, listNeedsOfEnterprise, listSurveyNeeds, updateNeedOf } from './service.js'

const tags = ['resource needs']

export const resourceNeedRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/resource-needs',
      {
        schema: {
          tags,
          summary: 'Resource needs of the enterprises the survey filters select, paged',
          querystring: surveyFiltersSchema.extend(surveyListPaging),
          response: { 200: resourceNeedPageSchema, 400: apiErrorSchema },
        },
      },
      (request) => listSurveyNeeds(db, request.query),
    )

    app.get(
      '/enterprises/:enterpriseId/resource-needs',
      {
        schema: {
          tags,
          summary: "An enterprise's resource needs (what it can take)",
          params: enterpriseScopeParamsSchema,
          response: { 200: resourceNeedListSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => ({ items: await listNeedsOfEnterprise(db, request.params.enterpriseId) }),
    )

    app.post(
      '/enterprises/:enterpriseId/resource-needs',
      {
        schema: {
          tags,
          summary: 'Record a resource need',
          params: enterpriseScopeParamsSchema,
          body: resourceNeedInputSchema,
          response: { 201: resourceNeedSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const created = await createNeed(db, request.params.enterpriseId, request.body)
        return reply.code(201).send(created)
      },
    )

    app.put(
      '/enterprises/:enterpriseId/resource-needs/:id',
      {
        schema: {
          tags,
          summary: 'Replace a resource need; a stale version is refused with 409',
          params: enterpriseItemParamsSchema,
          body: resourceNeedUpdateSchema,
          response: {
            200: resourceNeedSchema,
            400: apiErrorSchema,
            404: apiErrorSchema,
            409: apiErrorSchema,
          },
        },
      },
      (request) => updateNeedOf(db, request.params.enterpriseId, request.params.id, request.body),
    )

    app.delete(
      '/enterprises/:enterpriseId/resource-needs/:id',
      {
        schema: {
          tags,
          summary: 'Delete a resource need',
          params: enterpriseItemParamsSchema,
          response: { 204: z.null().describe('Deleted'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        await deleteNeedOf(db, request.params.enterpriseId, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
