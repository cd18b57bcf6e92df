import { z } from 'zod'

/** Machine-readable error codes the API answers with; the client switches on these. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOO_MANY_REQUESTS',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'TIMEOUT',
  'INTERNAL',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z
        .array(
          z.object({
            path: z
              .string()
              .describe('Where the problem is, e.g. "query.code" or "body.features.3.geometry"'),
            message: z.string(),
          }),
        )
        .describe('One entry per offending field; empty when the error is not about a field'),
    }),
  })
  .meta({ id: 'ApiError' })
export type ApiError = z.infer<typeof apiErrorSchema>
