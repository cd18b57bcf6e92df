import { z } from 'zod'
import { naceCodeInput } from './codes.js'
import { optionalText, surveyYearSchema, versionSchema } from './common.js'
import { featureCollectionSchema, featureSchema, pointSchema } from './geojson.js'
import { permitSchema } from './permits.js'
import { resourceNeedSchema } from './resource-needs.js'
import { sizeClasses, surveyFiltersSchema } from './survey-filters.js'
import { wasteStreamSchema } from './waste-streams.js'

export { sizeClasses, surveyFiltersSchema, type SurveyFilters } from './survey-filters.js'

export const enterpriseSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  naceCode: z.string().describe('NACE Rev.2 class, e.g. 23.51'),
  naceSection: z.string().describe('NACE section letter, e.g. C'),
  sizeClass: z.enum(sizeClasses).nullable(),
  regionId: z.number().int().nullable().describe('Derived from the location; null when outside every region'),
  regionName: z.string().nullable(),
  isDemo: z.boolean(),
  surveyYear: z
    .number()
    .int()
    .nullable()
    .describe('The survey year of the figures: the surveyYear filter, else its latest; null when none'),
  wasteStreamCount: z.number().int().describe('Its waste streams of that survey year'),
  totalTonnesPerYear: z.number().describe('Sum of its waste streams of that survey year, tonnes'),
  hazardousTonnesPerYear: z.number(),
})
export type EnterpriseSummary = z.infer<typeof enterpriseSummarySchema>

export const enterpriseFeatureSchema = featureSchema(pointSchema, enterpriseSummarySchema).meta({
  id: 'EnterpriseFeature',
})
export type EnterpriseFeature = z.infer<typeof enterpriseFeatureSchema>

export const enterpriseCollectionSchema = featureCollectionSchema(enterpriseFeatureSchema)
  .extend({ total: z.number().int().optional().describe('Matching enterprises before paging') })
  .meta({ id: 'EnterpriseCollection' })
export type EnterpriseCollection = z.infer<typeof enterpriseCollectionSchema>

export const enterpriseSortKeys = [
  'name',
  '-name',
  'id',
  '-id',
  'totalTonnesPerYear',
  '-totalTonnesPerYear',
] as const

export const enterpriseListQuerySchema = surveyFiltersSchema.extend({
  sort: z.enum(enterpriseSortKeys).default('id').describe('A leading - sorts descending'),
  limit: z.coerce.number().int().min(1).max(10_000).default(5_000),
  offset: z.coerce.number().int().min(0).default(0),
})
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuerySchema>

const enterpriseFields = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  nationalId: optionalText(60).describe('National registration number; unique'),
  naceCode: naceCodeInput.refine(
    (code) => /^\d{2}\.\d{2}$/.test(code),
    'must be a NACE class (four digits, e.g. 23.51)',
  ),
  sizeClass: z.enum(sizeClasses).nullable().optional(),
  employees: z
    .number()
    .int('must be a whole number')
    .nonnegative('must not be negative')
    .max(1_000_000)
    .nullable()
    .optional(),
  address: optionalText(300),
  location: pointSchema.describe('The site, a GeoJSON Point [longitude, latitude]'),
  contactName: optionalText(200),
  contactEmail: z.email('must be an e-mail address').nullable().optional(),
  contactPhone: optionalText(60),
})

export const enterpriseInputSchema = enterpriseFields.meta({ id: 'NewEnterprise' })
export type EnterpriseInput = z.infer<typeof enterpriseInputSchema>

export const enterpriseUpdateSchema = enterpriseFields
  .extend({ version: versionSchema })
  .meta({ id: 'EnterpriseChange' })
export type EnterpriseUpdate = z.infer<typeof enterpriseUpdateSchema>

export const enterpriseSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    nationalId: z.string().nullable(),
    naceCode: z.string(),
    naceTitle: z.string(),
    sizeClass: z.enum(sizeClasses).nullable(),
    employees: z.number().int().nullable(),
    address: z.string().nullable(),
    location: pointSchema,
    regionId: z.number().int().nullable(),
    regionName: z.string().nullable(),
    outsideEveryRegion: z.boolean().describe('True when the location lies in no region (allowed, flagged)'),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    isDemo: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    wasteStreams: z.array(wasteStreamSchema),
    resourceNeeds: z.array(resourceNeedSchema),
    permits: z.array(permitSchema),
  })
  .meta({ id: 'Enterprise' })
export type Enterprise = z.infer<typeof enterpriseSchema>

export { surveyYearSchema }
