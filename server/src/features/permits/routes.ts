import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { surveyFiltersSchema } from '../../contract/survey-filters.js'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  permitInputSchema,
  permitListSchema,
  permitPageSchema,
  permitSchema,
  permitUpdateSchema,
} from '../../contract/permits.js'
import {
  enterpriseItemParamsSchema,
  enterpriseScopeParamsSchema,
  surveyListPaging,
} from '../../contract/waste-streams.js'
import type { Database } from '../../db/database.js'
import {
  createPermit,
  deletePermitOf,
  listPermitsOfEnterprise,
  listSurveyPermits,
  updatePermitOf,
} from './service.js'

const tags = ['permits']

export const permitRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/permits',
      {
        schema: {
          tags,
          summary: 'Permits of the enterprises the survey filters select, paged',
          querystring: surveyFiltersSchema.extend(surveyListPaging),
          response: { 200: permitPageSchema, 400: apiErrorSchema },
        },
      },
      (request) => listSurveyPermits(db, request.query),
    )

    app.get(
      '/enterprises/:enterpriseId/permits',
      {
        schema: {
          tags,
          summary: "An enterprise's treatment permits (operation, accepted EWC codes, capacity)",
          params: enterpriseScopeParamsSchema,
          response: { 200: permitListSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => ({ items: await listPermitsOfEnterprise(db, request.params.enterpriseId) }),
    )

    app.post(
      '/enterprises/:enterpriseId/permits',
      {
        schema: {
          tags,
          summary: 'Record a treatment permit (R/D operation, accepted EWC codes or prefixes, capacity)',
          params: enterpriseScopeParamsSchema,
          body: permitInputSchema,
          response: { 201: permitSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const created = await createPermit(db, request.params.enterpriseId, request.body)
        return reply.code(201).send(created)
      },
    )

    app.put(
      '/enterprises/:enterpriseId/permits/:id',
      {
        schema: {
          tags,
          summary: 'Replace a permit; a stale version is refused with 409',
          params: enterpriseItemParamsSchema,
          body: permitUpdateSchema,
          response: { 200: permitSchema, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      (request) => updatePermitOf(db, request.params.enterpriseId, request.params.id, request.body),
    )

    app.delete(
      '/enterprises/:enterpriseId/permits/:id',
      {
        schema: {
          tags,
          summary: 'Delete a permit',
          params: enterpriseItemParamsSchema,
          response: { 204: z.null().describe('Deleted'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        await deletePermitOf(db, request.params.enterpriseId, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
