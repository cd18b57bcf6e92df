import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { surveyFiltersSchema } from '../../contract/survey-filters.js'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  enterpriseItemParamsSchema,
  enterpriseScopeParamsSchema,
  surveyListPaging,
  wasteStreamInputSchema,
  wasteStreamListSchema,
  wasteStreamPageSchema,
  wasteStreamSchema,
  wasteStreamUpdateSchema,
} from '../../contract/waste-streams.js'
import type { Database } from '../../db/database.js'
import {
  createStream,
  deleteStreamOf,
  listStreamsOfEnterprise,
  listSurveyStreams,
  updateStreamOf,
} from './service.js'

const tags = ['waste streams']

export const wasteStreamRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/waste-streams',
      {
        schema: {
          tags,
          summary: 'Waste streams of every enterprise, under the survey filters, paged',
          querystring: surveyFiltersSchema.extend(surveyListPaging),
          response: { 200: wasteStreamPageSchema, 400: apiErrorSchema },
        },
      },
      (request) => listSurveyStreams(db, request.query),
    )

    app.get(
      '/enterprises/:enterpriseId/waste-streams',
      {
        schema: {
          tags,
          summary: "An enterprise's waste streams",
          params: enterpriseScopeParamsSchema,
          response: { 200: wasteStreamListSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => ({ items: await listStreamsOfEnterprise(db, request.params.enterpriseId) }),
    )

    app.post(
      '/enterprises/:enterpriseId/waste-streams',
      {
        schema: {
          tags,
          summary: 'Record a waste stream; the quantity is normalised to tonnes per year',
          params: enterpriseScopeParamsSchema,
          body: wasteStreamInputSchema,
          response: { 201: wasteStreamSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const created = await createStream(db, request.params.enterpriseId, request.body)
        return reply.code(201).send(created)
      },
    )

    app.put(
      '/enterprises/:enterpriseId/waste-streams/:id',
      {
        schema: {
          tags,
          summary: 'Replace a waste stream; a stale version is refused with 409',
          params: enterpriseItemParamsSchema,
          body: wasteStreamUpdateSchema,
          response: { 200: wasteStreamSchema, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      (request) => updateStreamOf(db, request.params.enterpriseId, request.params.id, request.body),
    )

    app.delete(
      '/enterprises/:enterpriseId/waste-streams/:id',
      {
        schema: {
          tags,
          summary: 'Delete a waste stream',
          params: enterpriseItemParamsSchema,
          response: { 204: z.null().describe('Deleted'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        await deleteStreamOf(db, request.params.enterpriseId, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
