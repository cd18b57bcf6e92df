import { z } from 'zod'
import { ewcCodeInput, naceCodeInput } from './codes.js'
import { booleanQuery } from './common.js'

export const sizeClasses = ['micro', 'small', 'medium', 'large'] as const

const bbox = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',').map(Number)
    const [west, south, east, north] = parts
    if (
      parts.length !== 4 ||
      parts.some((n) => !Number.isFinite(n)) ||
      west === undefined ||
      south === undefined ||
      east === undefined ||
      north === undefined ||
      west < -180 ||
      east > 180 ||
      south < -90 ||
      north > 90 ||
      west >= east ||
      south >= north
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be west,south,east,north in degrees with west < east and south < north',
      })
      return z.NEVER
    }
    return { west, south, east, north }
  })
  .describe('west,south,east,north (WGS84 degrees)')

/**
 * Management route filter: a route family (R recovery, D disposal, unknown = no route recorded)
 * or one operation code (R5, D1).
 */
export const routeFilterSchema = z
  .string()
  .trim()
  .regex(
    /^(R|D|unknown|R([1-9]|1[0-3])|D([1-9]|1[0-5]))$/,
    'must be R, D, unknown or an operation code R1–R13 / D1–D15',
  )
  .describe('R (recovery), D (disposal), unknown (no route recorded) or one code such as R5')

/**
 * Filters shared by the enterprise list, the stream / need / permit lists, exports and tiles, so
 * one filter means the same thing on every screen. Stream filters (ewc, hazardous, surveyYear,
 * route, byproduct) select enterprises with at least one matching stream.
 */
export const surveyFiltersSchema = z.object({
  bbox: bbox.optional(),
  regionId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647, 'is not an id: too large')
    .optional()
    .describe('Only enterprises located in this region or its sub-regions'),
  nace: naceCodeInput.optional().describe('NACE class or any prefix level: C, 23, 23.5, 23.51'),
  sizeClass: z.enum(sizeClasses).optional().describe('micro, small, medium or large'),
  ewc: ewcCodeInput.optional().describe('EWC entry or chapter / sub-chapter prefix: 10, 1001, 100102'),
  hazardous: booleanQuery
    .optional()
    .describe('Only enterprises with at least one hazardous (true) or non-hazardous (false) stream'),
  surveyYear: z.coerce.number().int().min(1990).max(2100).optional(),
  route: routeFilterSchema.optional(),
  byproduct: booleanQuery
    .optional()
    .describe('Only streams offered (true) or not offered (false) as a by-product'),
  q: z.string().trim().min(1).max(200).optional().describe('Free text: name, national id or address'),
  // issue 12: the data gap of a year; an enterprise filter (no stream of that year at all), and
  // with no surveyYear the streams counted are that year's, so every figure is one year's (zero)
  notReportedFor: z.coerce
    .number()
    .int('must be a whole year')
    .min(1990, 'must be 1990 or later')
    .max(2100, 'must be 2100 or earlier')
    .optional()
    .describe('Only enterprises with no waste stream of this survey year (not reported for it)'),
})
export type SurveyFilters = z.infer<typeof surveyFiltersSchema>

/** True when a filter narrows the streams, not only the enterprises. */
export function hasStreamFilter(filters: SurveyFilters): boolean {
  return (
    filters.ewc !== undefined ||
    filters.hazardous !== undefined ||
    filters.surveyYear !== undefined ||
    filters.route !== undefined ||
    filters.byproduct !== undefined
  )
}
