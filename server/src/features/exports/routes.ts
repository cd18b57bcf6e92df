import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { surveyFiltersSchema } from '../../contract/survey-filters.js'
import { type ImportFormat, importMediaTypes } from '../../contract/imports.js'
import type { Database } from '../../db/database.js'
import { exportCsv, exportGeoJson, exportXlsx } from './service.js'

const writers = { csv: exportCsv, xlsx: exportXlsx, geojson: exportGeoJson } as const satisfies Record<
  ImportFormat,
  (...args: Parameters<typeof exportCsv>) => Readable
>

export const exportRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    for (const format of Object.keys(writers) as ImportFormat[]) {
      app.get(
        `/exports/enterprises.${format}`,
        {
          schema: {
            tags: ['exports'],
            summary: `Enterprises and their waste streams as ${format.toUpperCase()}, one row per stream`,
            description:
              'The import columns (see POST /api/imports), so the file imports back unchanged. Enterprises without ' +
              'streams get one row with empty waste columns. The survey filters choose the enterprises; the EWC, ' +
              'hazardous and survey-year filters also choose their streams. CSV/XLSX text cells starting with =, +, -, ' +
              '@, tab or CR are prefixed with an apostrophe so spreadsheets never run them; numbers are not.',
            querystring: surveyFiltersSchema,
          },
        },
        async (request, reply) =>
          reply
            .type(format === 'csv' ? 'text/csv; charset=utf-8' : importMediaTypes[format])
            .header('content-disposition', `attachment; filename="loopmap-enterprises.${format}"`)
            .send(writers[format](db, request.query)),
      )
    }
  }
