import { z } from 'zod'

/** Shared pieces of the API contract. */

export const booleanQuery = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((value) => value === 'true')

export const idParamsSchema = z.object({
  // ids are PostgreSQL integers: a larger number is a bad request, not a database error
  id: z.coerce
    .number()
    .int()
    .positive('must be a positive integer id')
    .max(2_147_483_647, 'is not an id: too large'),
})

/** R1–R13 recovery and D1–D15 disposal operations (Directive 2008/98/EC, Annexes I and II). */
export const routeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(R([1-9]|1[0-3])|D([1-9]|1[0-5]))$/, 'must be a recovery (R1–R13) or disposal (D1–D15) operation')
  .describe('Waste management operation, R1–R13 or D1–D15')

/** Optimistic concurrency: every update names the version it was based on; a stale one gets 409. */
export const versionSchema = z
  .number()
  .int()
  .positive()
  .describe('The version this change is based on, as last read; a stale version is refused with 409')

/** Free text fields: trimmed, bounded, empty means null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
}

export const surveyYearSchema = z
  .number()
  .int('must be a whole year')
  .min(1990, 'must be 1990 or later')
  .max(2100, 'must be 2100 or earlier')

// OpenAPI component names: fastify-type-provider-zod names the input variant of a schema
// `<id>Input`, so request schemas are named New<Thing> / <Thing>Change to never collide.
