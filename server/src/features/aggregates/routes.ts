import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  aggregateExportQuerySchema,
  aggregateQuerySchema,
  aggregateResponseSchema,
  areaAggregateInputSchema,
  hexbinCollectionSchema,
  hexbinQuerySchema,
  outletGapQuerySchema,
  outletGapResponseSchema,
} from '../../contract/aggregates.js'
import { apiErrorSchema } from '../../contract/errors.js'
import { importMediaTypes } from '../../contract/imports.js'
import type { Database } from '../../db/database.js'
import { filtersFor } from '../../contract/disclosure.js'
import { aggregateTable, writeTable } from './export.js'
import { hexbinDensity } from './hexbins.js'
import { outletGap } from './outlet-gap.js'
import { aggregateDrawnArea, aggregateRegions } from './service.js'
import { currentDataRevision } from '../../domain/survey/data-revision.js'
import type { AggregateResponse } from '../../contract/aggregates.js'
import { answerCache } from './answer-cache.js'

export const aggregateRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    // the same totals asked again at the same data revision, by a viewer who gets the same
    // figures, are answered from memory (answer-cache.ts)
    // (each checked against its schema and serialized once; a repeated one is sent as it is)
    const answers = answerCache<{ response: AggregateResponse; json: string }>({
      sizeOf: ({ json }) => json.length,
    })
    const cached = async (parts: unknown[], compute: () => Promise<AggregateResponse>) =>
      answers.get([await currentDataRevision(db), ...parts], async () => {
        const response = aggregateResponseSchema.parse(await compute())
        return { response, json: JSON.stringify(response) }
      })
    const sendJson = (reply: FastifyReply, { json }: { json: string }) =>
      reply.type('application/json; charset=utf-8').send(json)

    app.get(
      '/aggregates',
      {
        schema: {
          tags: ['aggregates'],
          summary: 'Totals of one or more regions, or of every region of a level',
          description:
            'Enterprises, tonnes per year, hazardous tonnes, recovery rate, by EWC chapter, NACE section, route, survey year and top EWC entries; each with its basis (measured / estimated / calculated tonnes). Filters as in the enterprise list. For the public, cells from fewer than k enterprises are suppressed (primary) together with a cell that would let them be recovered (secondary).',
          querystring: aggregateQuerySchema,
          response: { 200: aggregateResponseSchema, 400: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const query = filtersFor(request.disclosure, request.query)
        const answer = await cached(['regions', request.disclosure, query], () =>
          aggregateRegions(db, query, request.disclosure),
        )
        return sendJson(reply, answer)
      },
    )

    app.post(
      '/aggregates/area',
      {
        schema: {
          tags: ['aggregates'],
          summary: 'Totals of an area drawn on the map',
          body: areaAggregateInputSchema,
          response: { 200: aggregateResponseSchema, 400: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const input = { ...request.body, filters: filtersFor(request.disclosure, request.body.filters) }
        const answer = await cached(['drawn', request.disclosure, input], () =>
          aggregateDrawnArea(db, input, request.disclosure),
        )
        return sendJson(reply, answer)
      },
    )

    app.get(
      '/aggregates/outlet-gap',
      {
        schema: {
          tags: ['aggregates'],
          summary: 'Waste generated per EWC chapter against the permitted capacity within a distance',
          description:
            'Per region and EWC chapter: tonnes generated, outlets (permits valid today within distanceKm of the region accepting the chapter), their capacity, and the tonnes with no local outlet. Generation is suppressed for the public like the totals.',
          querystring: outletGapQuerySchema,
          response: { 200: outletGapResponseSchema, 400: apiErrorSchema },
        },
      },
      async (request) => outletGap(db, filtersFor(request.disclosure, request.query), request.disclosure),
    )

    app.get(
      '/aggregates/hexbins',
      {
        schema: {
          tags: ['aggregates'],
          summary: 'Hexagonal density of enterprises and tonnes over an area, at a chosen cell size',
          description:
            'For the public, hexagons of fewer than k enterprises keep their shape but not their figures.',
          querystring: hexbinQuerySchema,
          response: { 200: hexbinCollectionSchema, 400: apiErrorSchema },
        },
      },
      async (request) => hexbinDensity(db, filtersFor(request.disclosure, request.query), request.disclosure),
    )

    for (const format of ['csv', 'xlsx'] as const) {
      app.get(
        `/aggregates/export.${format}`,
        {
          schema: {
            tags: ['aggregates'],
            summary: `One table of the regional totals as ${format.toUpperCase()}`,
            description: 'The query of GET /api/aggregates plus `table`; one row per region and cell.',
            querystring: aggregateExportQuerySchema,
            response: { 200: z.any(), 400: apiErrorSchema },
          },
        },
        async (request, reply) => {
          const { table: _table, ...query } = filtersFor(request.disclosure, request.query)
          const { response } = await cached(['regions', request.disclosure, query], () =>
            aggregateRegions(db, query, request.disclosure),
          )
          const table = aggregateTable(response, request.query.table)
          return reply
            .type(format === 'csv' ? 'text/csv; charset=utf-8' : importMediaTypes.xlsx)
            .header('content-disposition', `attachment; filename="loopmap-${request.query.table}.${format}"`)
            .send(await writeTable(table, format))
        },
      )
    }
  }
