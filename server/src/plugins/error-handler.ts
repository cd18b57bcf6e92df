import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import type { ApiError, ErrorCode } from '../contract/errors.js'

type Detail = ApiError['error']['details'][number]

/** An error a route throws on purpose; its message and details reach the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Detail[] = [],
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`)

const codeForStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
}

/** PostgreSQL's query_canceled (57014): here only statement_timeout cancels a statement. */
function isStatementTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '57014'
}

function body(code: ErrorCode, message: string, details: Detail[] = []): ApiError {
  return { error: { code, message, details } }
}

/**
 * One error handler for the whole API (as in fastify/demo): 4xx answers say what was wrong and
 * where; a 5xx always says "Internal Server Error" and the cause goes to the log only, so no
 * stack trace or SQL ever reaches a client. With `singlePageApp`, unknown page URLs get the
 * client's index.html (needs @fastify/static registered first).
 */
export function registerErrorHandler(app: FastifyInstance, options: { singlePageApp: boolean }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where =
        error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'request')
      const details = error.validation.map((issue) => ({
        path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'invalid',
      }))
      return reply
        .code(400)
        .send(
          body(
            'VALIDATION_FAILED',
            `Invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
            details,
          ),
        )
    }
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(body(error.code, error.message, error.details))
    }
    if (isStatementTimeout(error)) {
      request.log.warn({ err: error, url: request.url }, 'statement stopped by statement_timeout')
      return reply
        .code(503)
        .header('retry-after', '60')
        .send(
          body(
            'TIMEOUT',
            'The request took longer than the server allows and was stopped; narrow it (a smaller area, fewer regions or filters) or try again later',
          ),
        )
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema')
      return reply.code(500).send(body('INTERNAL', 'Internal Server Error'))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return reply.code(status).send(body(codeForStatus[status] ?? 'BAD_REQUEST', error.message))
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.code(500).send(body('INTERNAL', 'Internal Server Error'))
  })

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/catalog …) get the single-page app; unknown /api paths stay 404 JSON.
    const wantsPage =
      options.singlePageApp &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html')
    if (wantsPage) return reply.sendFile('index.html')
    return reply.code(404).send(body('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`))
  })
}
