import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  ewcCodeParamsSchema,
  ewcEntrySchema,
  ewcPageSchema,
  ewcSearchQuerySchema,
  naceCodeParamsSchema,
  naceEntrySchema,
  nacePageSchema,
  naceSearchQuerySchema,
} from '../../contract/catalog.js'
import { apiErrorSchema } from '../../contract/errors.js'
import type { Database } from '../../db/database.js'
import { notFound } from '../../plugins/error-handler.js'
import { toEwcEntry, toNaceEntry } from './mappers.js'
import { findEwc, findNace, searchEwc, searchNace } from './queries.js'

export const catalogRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/catalog/ewc',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Search the European List of Waste by code or words',
          querystring: ewcSearchQuerySchema,
          response: { 200: ewcPageSchema, 400: apiErrorSchema },
        },
      },
      async (request) => {
        const { limit, offset, ...filter } = request.query
        const page = await searchEwc(db, filter, { limit, offset })
        return { total: page.total, items: page.rows.map(toEwcEntry) }
      },
    )

    app.get(
      '/catalog/ewc/:code',
      {
        schema: {
          tags: ['catalog'],
          summary: 'One EWC chapter, sub-chapter or entry (100102, 10 01 02 or 10.01.02)',
          params: ewcCodeParamsSchema,
          response: { 200: ewcEntrySchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => {
        const row = await findEwc(db, request.params.code)
        if (!row) throw notFound(`EWC code ${request.params.code}`)
        return toEwcEntry(row)
      },
    )

    app.get(
      '/catalog/nace',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Search NACE Rev.2 by code or words',
          querystring: naceSearchQuerySchema,
          response: { 200: nacePageSchema, 400: apiErrorSchema },
        },
      },
      async (request) => {
        const { limit, offset, ...filter } = request.query
        const page = await searchNace(db, filter, { limit, offset })
        return { total: page.total, items: page.rows.map(toNaceEntry) }
      },
    )

    app.get(
      '/catalog/nace/:code',
      {
        schema: {
          tags: ['catalog'],
          summary: 'One NACE Rev.2 section, division, group or class',
          params: naceCodeParamsSchema,
          response: { 200: naceEntrySchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => {
        const row = await findNace(db, request.params.code)
        if (!row) throw notFound(`NACE code ${request.params.code}`)
        return toNaceEntry(row)
      },
    )
  }
