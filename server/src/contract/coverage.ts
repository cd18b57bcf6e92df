import { z } from 'zod'
import { regionLevelSchema } from './regions.js'
import { surveyFiltersSchema } from './survey-filters.js'

/**
 * Survey coverage (issue 12): the data gaps an analyst must close. A survey year is the unit of
 * every tonnage; per region and year, how many enterprises are registered there, how many have
 * reported (at least one waste stream of that survey year) and what they reported, and the list
 * of those that have not. Staff only: the list names enterprises, and the counts of a small
 * region would single them out (see docs/aggregates.md, "Survey coverage").
 */

const id = z.coerce.number().int().positive().max(2_147_483_647, 'is not an id: too large')
const year = z.coerce
  .number()
  .int('must be a whole year')
  .min(1990, 'must be 1990 or later')
  .max(2100, 'must be 2100 or earlier')

/** `GET /api/survey-years`: the filters of the map (the year itself and not-reported aside). */
export const surveyYearsQuerySchema = surveyFiltersSchema.omit({
  bbox: true,
  surveyYear: true,
  notReportedFor: true,
})
export type SurveyYearsQuery = z.infer<typeof surveyYearsQuerySchema>

export const surveyYearsSchema = z
  .object({
    years: z
      .array(z.number().int())
      .describe('Survey years with at least one matching waste stream, ascending'),
    latest: z
      .number()
      .int()
      .nullable()
      .describe('The latest of them: the year a map or total shows by default; null without data'),
  })
  .meta({ id: 'SurveyYears' })
export type SurveyYears = z.infer<typeof surveyYearsSchema>

export const coverageQuerySchema = z
  .object({
    regionId: z
      .union([id, z.array(id).max(50, 'at most 50 regions at once')])
      .optional()
      .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]))
      .describe('One or more regions (repeat the parameter)'),
    level: regionLevelSchema.optional().describe('Every region of this level'),
    year: year
      .optional()
      .describe('The survey year of the headline figures (default: the latest with data in the region)'),
  })
  .superRefine((value, ctx) => {
    if (value.regionId === undefined && value.level === undefined) {
      ctx.addIssue({ code: 'custom', path: ['regionId'], message: 'name one or more regions, or a level' })
    }
  })
export type CoverageQuery = z.infer<typeof coverageQuerySchema>

export const coverageYearSchema = z.object({
  year: z.number().int(),
  enterprisesRegistered: z.number().int().describe('Enterprises located in the region (today)'),
  enterprisesReported: z
    .number()
    .int()
    .describe('Of them, those with at least one waste stream of this survey year'),
  enterprisesNotReported: z.number().int(),
  tonnesReported: z.number().describe('Tonnes per year of their streams of this survey year'),
  share: z.number().nullable().describe('Reported / registered, 0–1; null when none is registered'),
})
export type CoverageYear = z.infer<typeof coverageYearSchema>

export const regionCoverageSchema = z.object({
  region: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  surveyYear: z
    .number()
    .int()
    .nullable()
    .describe('The year of `shown`: the one asked for, else the latest with data; null without data'),
  shown: coverageYearSchema.nullable(),
  byYear: z
    .array(coverageYearSchema)
    .describe('Every survey year with data in the region (and the year asked for), ascending'),
})
export type RegionCoverage = z.infer<typeof regionCoverageSchema>

export const coverageResponseSchema = z
  .object({ regions: z.array(regionCoverageSchema) })
  .meta({ id: 'CoverageResponse' })
export type CoverageResponse = z.infer<typeof coverageResponseSchema>

export const notReportedQuerySchema = z.object({
  regionId: id.optional().describe('Only enterprises located in this region (default: everywhere)'),
  year: year.optional().describe('The survey year (default: the latest with data in the region)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})
export type NotReportedQuery = z.infer<typeof notReportedQuerySchema>

export const notReportedEnterpriseSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  nationalId: z.string().nullable(),
  naceCode: z.string(),
  lastReportedYear: z
    .number()
    .int()
    .nullable()
    .describe('The latest survey year it has streams of (before or after `year`); null: never'),
})
export type NotReportedEnterprise = z.infer<typeof notReportedEnterpriseSchema>

export const notReportedResponseSchema = z
  .object({
    year: z.number().int().nullable().describe('The survey year; null when the region has no data at all'),
    total: z.number().int().describe('Enterprises not reported for the year, before paging'),
    items: z.array(notReportedEnterpriseSchema).describe('Sorted by name, then id'),
  })
  .meta({ id: 'NotReportedResponse' })
export type NotReportedResponse = z.infer<typeof notReportedResponseSchema>
