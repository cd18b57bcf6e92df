import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { createdResponses, replyCreated } from '../created-route.js'
import { idParamsSchema } from '../../contract/common.js'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  exchangeImpactSchema,
  matchInputSchema,
  matchListQuerySchema,
  matchListSchema,
  matchUpdateSchema,
  savedMatchSchema,
} from '../../contract/match-workflow.js'
import {
  candidateQuerySchema,
  needSuppliersSchema,
  opportunityQuerySchema,
  regionOpportunitiesSchema,
  streamMatchesSchema,
} from '../../contract/matching.js'
import type { Database } from '../../db/database.js'
import { disclosureSecret } from '../../domain/disclosure/secret.js'
import { useMatchTokenSecret } from './match-token.js'
import { regionOpportunities } from './opportunities.js'
import { findNeedSuppliers, findStreamMatches } from './service.js'
import {
  changeSavedMatch,
  exchangeImpact,
  getSavedMatch,
  listSavedMatches,
  type MatchActor,
  saveMatch,
} from './workflow.js'
import type { FastifyRequest } from 'fastify'

const actorOf = (request: FastifyRequest): MatchActor => ({
  viewer: request.viewer,
  seesSingleEnterprises: request.disclosure.seesSmallCells,
})

const tags = ['matching']
const errors = { 400: apiErrorSchema, 404: apiErrorSchema }

export const matchingRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    // tokens made before a restart still open after it
    useMatchTokenSecret(await disclosureSecret(db))
    app.get(
      '/waste-streams/:id/matches',
      {
        schema: {
          tags,
          summary: 'Ranked receivers for a waste stream: needs, recovery permits, sector users',
          params: idParamsSchema,
          querystring: candidateQuerySchema,
          response: { 200: streamMatchesSchema, ...errors },
        },
      },
      (request) => findStreamMatches(db, request.params.id, request.query, request.disclosure),
    )

    app.get(
      '/resource-needs/:id/suppliers',
      {
        schema: {
          tags,
          summary: 'Waste streams that could supply a resource need, ranked',
          params: idParamsSchema,
          querystring: candidateQuerySchema,
          response: { 200: needSuppliersSchema, ...errors },
        },
      },
      (request) => findNeedSuppliers(db, request.params.id, request.query),
    )

    app.get(
      '/regions/:id/opportunities',
      {
        schema: {
          tags,
          summary:
            "Each open stream's best receiver in the region, ranked by net benefit, with lines for the map",
          params: idParamsSchema,
          querystring: opportunityQuerySchema,
          response: { 200: regionOpportunitiesSchema, ...errors },
        },
      },
      (request) => regionOpportunities(db, request.params.id, request.query),
    )

    app.get(
      '/regions/:id/exchange-impact',
      {
        schema: {
          tags,
          summary: 'Realised exchanges of the region summed: tonnes diverted, CO2 avoided; and every status',
          params: idParamsSchema,
          response: { 200: exchangeImpactSchema, ...errors },
        },
      },
      (request) => exchangeImpact(db, request.params.id),
    )

    app.get(
      '/matches',
      {
        schema: {
          tags,
          summary: 'Saved matches of a stream, an enterprise (supplying or receiving) or a region',
          querystring: matchListQuerySchema,
          response: { 200: matchListSchema, 400: apiErrorSchema },
        },
      },
      async (request) => ({ items: await listSavedMatches(db, request.query) }),
    )

    app.get(
      '/matches/:id',
      {
        schema: {
          tags,
          summary: 'A saved match with its status history',
          params: idParamsSchema,
          response: { 200: savedMatchSchema, ...errors },
        },
      },
      (request) => getSavedMatch(db, request.params.id),
    )

    app.post(
      '/matches',
      {
        schema: {
          tags,
          summary: 'Save a match as proposed; its score and figures are computed by the server',
          body: matchInputSchema,
          response: createdResponses(savedMatchSchema),
        },
      },
      (request, reply) => replyCreated(reply, saveMatch(db, request.body, actorOf(request))),
    )

    app.put(
      '/matches/:id',
      {
        schema: {
          tags,
          summary:
            'Change the status (allowed transitions only) or notes; a stale version is refused with 409',
          params: idParamsSchema,
          body: matchUpdateSchema,
          response: { 200: savedMatchSchema, ...errors, 403: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      (request) => changeSavedMatch(db, request.params.id, request.body, actorOf(request)),
    )
  }
