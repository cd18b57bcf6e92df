import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  coverageQuerySchema,
  coverageResponseSchema,
  notReportedQuerySchema,
  notReportedResponseSchema,
  surveyYearsQuerySchema,
  surveyYearsSchema,
} from '../../contract/coverage.js'
import { filtersFor } from '../../contract/disclosure.js'
import { apiErrorSchema } from '../../contract/errors.js'
import type { Database } from '../../db/database.js'
import { coverage, notReported, surveyYears } from './service.js'

/**
 * Survey years and survey coverage (issue 12). The years are for everyone (the public map names
 * the year it shows); coverage and the not-reported list are for staff (contract/access-rules.ts):
 * they name enterprises, or count them in cells too small to publish.
 */
export const coverageRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/survey-years',
      {
        schema: {
          tags: ['coverage'],
          summary: 'The survey years with data for the filters, and the latest (the default year)',
          description:
            'Filters as in the enterprise list (not the year). The map and its tiles show the latest of these years unless one is chosen.',
          querystring: surveyYearsQuerySchema,
          response: { 200: surveyYearsSchema, 400: apiErrorSchema },
        },
      },
      async (request) => surveyYears(db, filtersFor(request.disclosure, request.query)),
    )

    app.get(
      '/coverage',
      {
        schema: {
          tags: ['coverage'],
          summary: 'Survey coverage per region and year: enterprises registered, reported, tonnes',
          description:
            'Per region (by id, repeatable, or every region of a level): for the year asked for (default: the latest with data in the region) and for every year with data, the enterprises located in the region, those with at least one stream of that survey year, their tonnes and the share. Staff only.',
          querystring: coverageQuerySchema,
          response: { 200: coverageResponseSchema, 400: apiErrorSchema },
        },
      },
      async (request) => coverage(db, request.query),
    )

    app.get(
      '/coverage/not-reported',
      {
        schema: {
          tags: ['coverage'],
          summary: 'The enterprises that have not reported for a survey year, by name',
          description:
            'Enterprises of the region (or everywhere) with no waste stream of the year (default: the latest with data in the region), each with the last year it reported. Staff only.',
          querystring: notReportedQuerySchema,
          response: { 200: notReportedResponseSchema, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => notReported(db, request.query),
    )
  }
