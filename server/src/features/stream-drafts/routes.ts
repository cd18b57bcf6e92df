import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  carryForwardInputSchema,
  carryForwardResultSchema,
  draftConfirmationSchema,
  streamDraftListSchema,
} from '../../contract/stream-drafts.js'
import {
  enterpriseItemParamsSchema,
  enterpriseScopeParamsSchema,
  wasteStreamSchema,
} from '../../contract/waste-streams.js'
import type { Database } from '../../db/database.js'
import {
  carryForward,
  confirmDraft,
  discardDraft,
  listStreamDrafts,
} from '../../domain/stream-draft/write.js'
import { writerOf } from '../enterprise-child-routes.js'

/**
 * Carry-forward drafts (issue 12), nested under their enterprise like its streams, so the same
 * access rule and scope apply (contract/access-rules.ts): whoever may write the enterprise's
 * streams may draft, confirm and discard.
 */
export const streamDraftRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['waste streams']
    const path = '/enterprises/:enterpriseId/stream-drafts'

    app.get(
      path,
      {
        schema: {
          tags,
          summary: "An enterprise's carry-forward drafts (not counted anywhere until confirmed)",
          params: enterpriseScopeParamsSchema,
          response: { 200: streamDraftListSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => ({ items: await listStreamDrafts(db, request.params.enterpriseId) }),
    )

    app.post(
      path,
      {
        schema: {
          tags,
          summary: "Carry a survey year's streams forward into a later year as drafts",
          params: enterpriseScopeParamsSchema,
          body: carryForwardInputSchema.nullish(),
          response: { 201: carryForwardResultSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await carryForward(db, request.params.enterpriseId, request.body ?? {})),
    )

    app.post(
      `${path}/:id/confirm`,
      {
        schema: {
          tags,
          summary: 'Confirm a draft, with any changed figures: it becomes a waste stream and counts',
          params: enterpriseItemParamsSchema,
          body: draftConfirmationSchema.nullish(),
          response: {
            201: wasteStreamSchema,
            400: apiErrorSchema,
            404: apiErrorSchema,
            409: apiErrorSchema,
          },
        },
      },
      async (request, reply) => {
        const { enterpriseId, id } = request.params
        return reply
          .code(201)
          .send(await confirmDraft(db, enterpriseId, id, request.body ?? {}, writerOf(request)))
      },
    )

    app.delete(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: 'Discard a draft',
          params: enterpriseItemParamsSchema,
          response: { 204: z.null().describe('Discarded'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        await discardDraft(db, request.params.enterpriseId, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
