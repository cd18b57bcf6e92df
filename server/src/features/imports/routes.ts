import type { IncomingMessage } from 'node:http'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  describeImportColumns,
  importMediaTypes,
  importQuerySchema,
  importReportSchema,
} from '../../contract/imports.js'
import type { Database } from '../../db/database.js'
import { HttpError } from '../../plugins/error-handler.js'
import { formatBytes, IMPORT_FILE_LIMITS, tooLarge } from './readers.js'
import { DEFAULT_IMPORT_LIMIT_BYTES, importSurvey } from './service.js'
import { startUploadClock, UPLOAD_LIMITS, type UploadLimits, withSpooledUpload } from './spool.js'
import { templateCsv, templateXlsx } from './template.js'

export type ImportRouteOptions = {
  /** Largest accepted upload; tests use a small one. */
  maxBytes?: number
  /** Rate and time limits of an upload (spool.ts); tests use short ones. */
  uploadLimits?: Partial<UploadLimits>
  /** Where uploads are spooled (default `os.tmpdir()`); tests look there for leftovers. */
  spoolDir?: string
}

/**
 * Room for the multipart envelope around the file (boundaries, part headers, up to 5 small fields):
 * a multipart request may declare this much more than the file limit.
 */
const MULTIPART_ENVELOPE_BYTES = 64 * 1024

/** How long the rest of a refused body is discarded before the socket is dropped. */
const UNREAD_BODY_GRACE_MS = 1000

const rawMediaTypes = [...Object.values(importMediaTypes), 'application/octet-stream']

export const importRoutes =
  (
    { db }: Database,
    { maxBytes = DEFAULT_IMPORT_LIMIT_BYTES, uploadLimits, spoolDir }: ImportRouteOptions = {},
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const limits: UploadLimits = { ...UPLOAD_LIMITS, ...uploadLimits }
    // Encapsulated in this plugin: uploads stream through here and nowhere else. busboy is given
    // one byte more than the limit so our own counter sees the excess and answers 413 by name.
    await app.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 5 } })
    // Raw bodies are handed on as the request stream, never buffered (Fastify's bodyLimit does
    // not apply to them; limitBytes does).
    app.addContentTypeParser(rawMediaTypes, (_request, payload: IncomingMessage, done) => done(null, payload))

    app.post(
      '/imports',
      {
        // A declared Content-Length over the limit is answered at once, before any of the body is
        // read (issue 13: a Node client writing 60 MB used to see a reset, never the 413); a body
        // without one, or longer than it said, is cut off at the limit by limitBytes / busboy.
        onRequest: async (request) => {
          const declared = Number(request.headers['content-length'])
          const multipart = request.headers['content-type']?.toLowerCase().startsWith('multipart/') ?? false
          if (declared > maxBytes + (multipart ? MULTIPART_ENVELOPE_BYTES : 0)) throw tooLarge(maxBytes)
        },
        // An answer given before the whole body arrived (413, 401…) closes the connection: what
        // is still coming is discarded for a moment, so the client reads the answer, then the
        // socket is dropped. Left alone, the paused socket lingered for a minute and more.
        onSend: async (request, reply) => {
          if (!request.raw.complete) reply.header('connection', 'close')
        },
        onResponse: async (request) => {
          if (request.raw.complete) return
          request.raw.resume()
          setTimeout(() => request.raw.destroy(), UNREAD_BODY_GRACE_MS).unref()
        },
        schema: {
          tags: ['imports'],
          summary: 'Import a survey (CSV, XLSX or GeoJSON): one row per waste stream, all or nothing',
          description: [
            'Send the file as multipart/form-data in the field `file`, or as the raw body with Content-Type',
            '`text/csv`, `application/geo+json` or the XLSX type. CSV: UTF-8, with or without BOM, `,` or `;`',
            'separated (detected), LF or CRLF. XLSX: the first worksheet. GeoJSON: a FeatureCollection of Point',
            'features whose properties are the columns. Numbers may be sent as text ("12.5"); NaN and Infinity',
            'are refused.',
            '',
            `Limits: ${formatBytes(maxBytes)} per file (413 above it, at once from Content-Length), ${IMPORT_FILE_LIMITS.rows.toLocaleString('en')} rows,`,
            `${IMPORT_FILE_LIMITS.columns} columns, ${IMPORT_FILE_LIMITS.cellChars.toLocaleString('en')} characters a cell, ${formatBytes(IMPORT_FILE_LIMITS.partBytes)} per XLSX part`,
            `inflated (413 naming the limit). The upload must average at least ${formatBytes(limits.minBytesPerSecond)}/s after its first`,
            `${limits.graceMs / 1000} s and end within ${limits.totalMs / 1000} s (408 naming the limit); it is received whole before the import starts.`,
            'An analyst writes only within the regions assigned to them, as on the direct',
            'routes: a row outside them is an error "outside your regions: …". Rows of one enterprise repeat its columns;',
            'enterprises are matched by `national_id`, else by name within 50 m; a stream by its enterprise, EWC code,',
            'survey year and `stream_ref` (else its normalised description), so a re-import updates what differs and',
            'adds nothing twice; the report gives each row its status and the rule that matched it. Any bad row: nothing is written,',
            'the answer is 422 with the report. `?dryRun=true` validates only. Template: `GET /api/imports/template.csv`',
            'or `.xlsx`.',
            '',
            describeImportColumns(),
          ].join('\n'),
          consumes: ['multipart/form-data', ...rawMediaTypes],
          querystring: importQuerySchema,
          response: {
            200: importReportSchema.describe('Dry run: nothing written'),
            201: importReportSchema.describe('Committed'),
            400: apiErrorSchema,
            408: apiErrorSchema.describe('The upload was too slow or took too long; nothing was imported'),
            413: apiErrorSchema,
            415: apiErrorSchema,
            422: importReportSchema.describe('Bad rows: nothing written; the errors name row and column'),
          },
        },
      },
      async (request, reply) => {
        const dryRun = request.query.dryRun ?? false
        // the clock starts before the first multipart part is awaited: a client stalling there is
        // as slow as one stalling in the file
        const clock = startUploadClock(limits)
        let upload: {
          source: AsyncIterable<Buffer>
          filename?: string
          mediaType?: string
          drain?: () => void
        }
        try {
          if (request.isMultipart()) {
            const part = await clock.race(request.file())
            if (part?.fieldname !== 'file') {
              part?.file.resume()
              throw new HttpError(400, 'BAD_REQUEST', 'Send the survey file in the multipart field "file"', [
                { path: 'body.file', message: 'missing' },
              ])
            }
            part.file.on('limit', () => part.file.destroy(tooLarge(maxBytes)))
            upload = {
              source: part.file,
              filename: part.filename,
              mediaType: part.mimetype,
              drain: () => part.file.resume(),
            }
          } else {
            const body = request.body as IncomingMessage | undefined
            if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
              throw new HttpError(400, 'BAD_REQUEST', 'Send a CSV, XLSX or GeoJSON file')
            }
            upload = { source: body, mediaType: request.headers['content-type'] }
          }
        } catch (error) {
          clock.stop()
          throw error
        }
        try {
          // The whole body is on disk before the import opens its transaction (issue 13: parsing
          // it as it arrived held a database connection for as long as the client took).
          const report = await withSpooledUpload(
            upload.source,
            { clock, maxBytes, dir: spoolDir },
            (openFile) =>
              importSurvey(db, { ...upload, source: openFile(), dryRun, maxBytes, viewer: request.viewer }),
          )
          const status = report.errorCount > 0 ? 422 : report.committed ? 201 : 200
          return reply.code(status).send(report)
        } finally {
          upload.drain?.()
        }
      },
    )

    app.get(
      '/imports/template.csv',
      { schema: { tags: ['imports'], summary: 'The import template as CSV (header and example rows)' } },
      async (_request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="loopmap-import-template.csv"')
          .send(templateCsv()),
    )

    app.get(
      '/imports/template.xlsx',
      {
        schema: {
          tags: ['imports'],
          summary: 'The import template as XLSX, with a sheet explaining the columns',
        },
      },
      async (_request, reply) =>
        reply
          .type(importMediaTypes.xlsx)
          .header('content-disposition', 'attachment; filename="loopmap-import-template.xlsx"')
          .send(await templateXlsx()),
    )
  }
