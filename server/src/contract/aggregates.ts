import { z } from 'zod'
import { areaGeometrySchema } from './geojson.js'
import { regionLevelSchema } from './regions.js'
import { surveyFiltersSchema } from './survey-filters.js'

/**
 * Regional totals (issue 5): per area (a region or a drawn polygon) the enterprises, tonnes,
 * hazardous tonnes, recovery, breakdowns and years, each figure with its basis, and small cells
 * suppressed for the public (disclosure control).
 */

const id = z.coerce.number().int().positive().max(2_147_483_647, 'is not an id: too large')
const year = z.coerce.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier')

/** Stream and enterprise filters that apply within an area (the area replaces region and box). */
export const aggregateFiltersSchema = surveyFiltersSchema.omit({
  bbox: true,
  regionId: true,
  q: true,
  surveyYear: true,
})

/**
 * A survey year is the unit of every tonnage: the figures (totals, breakdowns, top streams) are
 * those of one survey year, `year`, by default the latest year with data in the area (within
 * the range). `yearFrom`–`yearTo` bound the per-year series (`byYear`), never a sum.
 */
const yearRange = {
  year: year
    .optional()
    .describe('The survey year of the figures (default: the latest year with data in the area and range)'),
  yearFrom: year.optional().describe('First survey year of the per-year series (default: all years)'),
  yearTo: year.optional().describe('Last survey year of the series, and the latest the default year may be'),
  top: z.coerce.number().int().min(1).max(50).default(10).describe('How many top waste streams'),
}
export type YearChoice = {
  year?: number | undefined
  yearFrom?: number | undefined
  yearTo?: number | undefined
}

function checkYearRange(value: YearChoice, ctx: z.RefinementCtx) {
  if (value.yearFrom !== undefined && value.yearTo !== undefined && value.yearFrom > value.yearTo) {
    ctx.addIssue({ code: 'custom', path: ['yearTo'], message: 'must not be before yearFrom' })
  }
  if (value.year !== undefined && value.yearFrom !== undefined && value.year < value.yearFrom) {
    ctx.addIssue({ code: 'custom', path: ['year'], message: 'must not be before yearFrom' })
  }
  if (value.year !== undefined && value.yearTo !== undefined && value.year > value.yearTo) {
    ctx.addIssue({ code: 'custom', path: ['year'], message: 'must not be after yearTo' })
  }
}

const aggregateQueryFields = aggregateFiltersSchema.extend({
  regionId: z
    .union([id, z.array(id).max(50, 'at most 50 regions at once')])
    .optional()
    .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]))
    .describe('One or more regions (repeat the parameter)'),
  level: regionLevelSchema.optional().describe('Every region of this level'),
  ...yearRange,
})

function checkRegionsNamed(
  value: { regionId?: number[] | undefined; level?: string | undefined } & YearChoice,
  ctx: z.RefinementCtx,
) {
  if (value.regionId === undefined && value.level === undefined) {
    ctx.addIssue({ code: 'custom', path: ['regionId'], message: 'name one or more regions, or a level' })
  }
  checkYearRange(value, ctx)
}

export const aggregateQuerySchema = aggregateQueryFields.superRefine(checkRegionsNamed)
export type AggregateQuery = z.infer<typeof aggregateQuerySchema>

export const areaAggregateInputSchema = z
  .object({
    geometry: areaGeometrySchema.describe('The drawn area, a GeoJSON Polygon or MultiPolygon (WGS84)'),
    filters: aggregateFiltersSchema.partial().default({}),
    year: year.optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    top: z.number().int().min(1).max(50).default(10),
  })
  .superRefine(checkYearRange)
  .meta({ id: 'AreaAggregateRequest' })
export type AreaAggregateInput = z.infer<typeof areaAggregateInputSchema>

/**
 * Change between two survey years. `likeForLike` compares only the enterprises that reported in
 * both years (surveys grow, so the all-enterprises change mixes coverage with change);
 * `changePercent` is the all-enterprises change, shown beside it with each year's coverage.
 */
export const yearOnYearSchema = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  changePercent: z.number().nullable().describe('All reporting enterprises of each year'),
  fromEnterpriseCount: z.number().int().nullable().describe('Enterprises that reported in fromYear'),
  toEnterpriseCount: z.number().int().nullable().describe('Enterprises that reported in toYear'),
  likeForLike: z.object({
    enterpriseCount: z.number().int().nullable().describe('Enterprises that reported in both years'),
    fromTonnes: z.number().nullable(),
    toTonnes: z.number().nullable(),
    changePercent: z.number().nullable(),
    suppressed: z.enum(['primary', 'secondary']).nullable(),
  }),
})
export type YearOnYear = z.infer<typeof yearOnYearSchema>

/** How many of a figure's tonnes were measured, estimated or calculated. */
export const basisSchema = z.object({
  measured: z.number().nullable(),
  estimated: z.number().nullable(),
  calculated: z.number().nullable(),
})

/**
 * One figure set. For the public a cell built from fewer than k enterprises is suppressed: its
 * numbers are null and `suppressed` says why (`primary`: too few enterprises; `secondary`:
 * hidden so that a suppressed cell cannot be recovered by subtracting from the total).
 */
export const aggregateCellSchema = z.object({
  key: z.string().describe('EWC chapter, NACE section, route family, year or EWC code'),
  label: z.string().nullable(),
  enterpriseCount: z.number().int().nullable(),
  tonnesPerYear: z.number().nullable(),
  hazardousTonnesPerYear: z.number().nullable(),
  basis: basisSchema,
  suppressed: z.enum(['primary', 'secondary']).nullable(),
})
export type AggregateCell = z.infer<typeof aggregateCellSchema>

export const areaAggregateSchema = z
  .object({
    area: z.object({
      kind: z.enum(['region', 'drawn']),
      regionId: z.number().int().nullable(),
      name: z.string().nullable(),
      level: z.string().nullable(),
    }),
    surveyYear: z
      .number()
      .int()
      .nullable()
      .describe('The survey year of totals, breakdowns and top streams; null when the area has no data'),
    years: z.array(z.number().int()).describe('Survey years with data in the range (the series of byYear)'),
    enterprisesRegistered: z
      .number()
      .int()
      .describe('Enterprises in the area matching the enterprise filters, reported or not'),
    totals: aggregateCellSchema.extend({
      recoveredTonnesPerYear: z.number().nullable(),
      recoveryRate: z.number().nullable().describe('Recovered (R) tonnes / all tonnes, 0–1'),
    }),
    byEwcChapter: z.array(aggregateCellSchema),
    byNaceSection: z.array(aggregateCellSchema),
    byRoute: z.array(aggregateCellSchema).describe('recovery (R), disposal (D), unknown (no route)'),
    byYear: z
      .array(aggregateCellSchema)
      .describe('One cell per survey year of the range: enterprises that reported that year, their tonnes'),
    yearOnYear: yearOnYearSchema
      .nullable()
      .describe('The survey year against the previous year with data, when both are present'),
    topStreams: z.array(aggregateCellSchema).describe('EWC entries with the most tonnes'),
  })
  .meta({ id: 'AreaAggregate' })
export type AreaAggregate = z.infer<typeof areaAggregateSchema>

export const aggregateResponseSchema = z
  .object({
    areas: z.array(areaAggregateSchema),
    disclosure: z.object({
      minEnterprises: z
        .number()
        .int()
        .describe('k: cells from fewer enterprises are suppressed for the public'),
      applied: z.boolean().describe('Whether small cells were suppressed for this viewer'),
    }),
  })
  .meta({ id: 'AggregateResponse' })
export type AggregateResponse = z.infer<typeof aggregateResponseSchema>

export const aggregateTables = [
  'totals',
  'byEwcChapter',
  'byNaceSection',
  'byRoute',
  'byYear',
  'topStreams',
] as const
export const aggregateExportQuerySchema = aggregateQueryFields
  .extend({ table: z.enum(aggregateTables).default('byEwcChapter').describe('Which table to export') })
  .superRefine(checkRegionsNamed)

export const outletGapQuerySchema = aggregateQueryFields
  .extend({
    distanceKm: z.coerce
      .number()
      .positive('must be more than 0')
      .max(1000, 'must be 1000 km or less')
      .default(50)
      .describe('How far from the region an outlet may be (straight line from the region boundary)'),
  })
  .superRefine(checkRegionsNamed)
export type OutletGapQuery = z.infer<typeof outletGapQuerySchema>

export const outletGapRowSchema = z.object({
  generated: aggregateCellSchema.describe('Waste of this EWC chapter generated in the region'),
  outletCount: z.number().int().describe('Permits valid today, within the distance, accepting the chapter'),
  outletCapacityTonnesPerYear: z
    .number()
    .nullable()
    .describe(
      'Their stated capacity; a permit accepting several chapters counts for each (an upper bound); null for the public when fewer than k permit holders state it',
    ),
  outletsWithoutCapacity: z
    .number()
    .int()
    .describe('Outlets whose permit states no capacity (not in the sum)'),
  noOutletTonnesPerYear: z
    .number()
    .nullable()
    .describe('Generated − capacity, at least 0: tonnes with no local outlet; null when suppressed'),
})
export type OutletGapRow = z.infer<typeof outletGapRowSchema>

export const outletGapResponseSchema = z
  .object({
    distanceKm: z.number(),
    regions: z.array(
      z.object({
        regionId: z.number().int(),
        name: z.string(),
        level: z.string(),
        surveyYear: z.number().int().nullable().describe('The survey year generated (latest with data)'),
        rows: z.array(outletGapRowSchema),
      }),
    ),
    disclosure: z.object({ minEnterprises: z.number().int(), applied: z.boolean() }),
  })
  .meta({ id: 'OutletGapResponse' })
export type OutletGapResponse = z.infer<typeof outletGapResponseSchema>

export const hexbinQuerySchema = surveyFiltersSchema.omit({ bbox: true }).extend({
  bbox: surveyFiltersSchema.shape.bbox.unwrap().describe('The area: west,south,east,north (WGS84 degrees)'),
  cellKm: z.coerce
    .number()
    .min(0.1, 'must be 0.1 km or more')
    .max(500, 'must be 500 km or less')
    .describe('Hexagon size: distance between opposite corners, in km'),
})
export type HexbinQuery = z.infer<typeof hexbinQuerySchema>

export const hexbinCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({
          type: z.literal('Polygon'),
          coordinates: z.array(z.array(z.array(z.number()))),
        }),
        properties: z.object({
          enterpriseCount: z.number().int().nullable(),
          totalTonnesPerYear: z.number().nullable(),
          hazardousTonnesPerYear: z.number().nullable(),
          suppressed: z.boolean().describe('Fewer than k enterprises: figures withheld from the public'),
        }),
      }),
    ),
    surveyYear: z
      .number()
      .int()
      .nullable()
      .describe('The survey year of the tonnes: surveyYear, else the latest year with data in the box'),
    disclosure: z.object({ minEnterprises: z.number().int(), applied: z.boolean() }),
  })
  .meta({ id: 'HexbinCollection' })
export type HexbinCollection = z.infer<typeof hexbinCollectionSchema>
