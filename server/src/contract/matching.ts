import { z } from 'zod'
import { pointSchema, positionSchema } from './geojson.js'

/** Waste-to-resource matching (issue 6): candidates for a stream, suppliers for a need, a region's opportunities. */

export const matchSources = ['need', 'permit', 'sector'] as const
export type MatchSource = (typeof matchSources)[number]

export const MAX_RADIUS_KM = 1000
export const DEFAULT_RADIUS_KM = 200

export const lineStringSchema = z
  .object({ type: z.literal('LineString'), coordinates: z.array(positionSchema).min(2) })
  .meta({ id: 'LineString' })
export type LineStringGeometry = z.infer<typeof lineStringSchema>

export const candidateQuerySchema = z.object({
  radiusKm: z.coerce
    .number({ message: 'must be a number of kilometres' })
    .positive('must be positive')
    .max(MAX_RADIUS_KM, `must be at most ${MAX_RADIUS_KM} km`)
    .default(DEFAULT_RADIUS_KM)
    .describe('Search radius by road (great-circle × detour factor), km'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(20),
})
export type CandidateQuery = z.infer<typeof candidateQuerySchema>

const partyFields = {
  enterpriseId: z
    .number()
    .int()
    .nullable()
    .describe('null for a viewer who may not see single enterprises (the public, an enterprise user)'),
  name: z.string(),
  naceCode: z.string(),
  location: pointSchema,
}
export const matchPartySchema = z.object(partyFields).meta({ id: 'MatchParty' })

export const scorePartsSchema = z
  .object({
    materialFit: z
      .number()
      .min(0)
      .max(1)
      .describe('How well the receiver fits the material (source and EWC level)'),
    distanceFactor: z.number().min(0).max(1).describe('1 / (1 + road km / distance_half_score_km)'),
    quantityFit: z
      .number()
      .min(0)
      .max(1)
      .describe('√(share of the stream the receiver takes); 1 when it takes all'),
  })
  .meta({ id: 'ScoreParts' })

export const matchCandidateSchema = z
  .object({
    wasteStreamId: z.number().int(),
    ewcCode: z.string(),
    hazardous: z.boolean(),
    categoryId: z.string(),
    supplier: matchPartySchema,
    receiver: matchPartySchema,
    source: z.enum(matchSources),
    resourceNeedId: z.number().int().nullable(),
    permitId: z.number().int().nullable(),
    score: z.number().min(0).max(1).describe('materialFit × distanceFactor × quantityFit'),
    scoreParts: scorePartsSchema,
    greatCircleKm: z.number(),
    distanceKm: z.number().describe('Road distance: great-circle × detour factor'),
    quantityTonnesPerYear: z
      .number()
      .describe('Tonnes per year exchanged: the stream, capped by what the receiver takes'),
    transportCost: z.number().describe('tonnes × road km × transport cost per t·km, in `currency`'),
    currency: z.string(),
    transportCo2Kg: z.number().describe('tonnes × road km × road CO2 per t·km'),
    co2AvoidedKg: z.number().describe("tonnes × the category's virgin-material CO2 avoided per tonne"),
    landfillDivertedT: z
      .number()
      .describe('tonnes, when the stream goes to disposal (D) or nowhere known today'),
    netCo2Kg: z.number().describe('co2AvoidedKg − transportCo2Kg'),
    netMoney: z.number().describe('landfill gate fees saved − transport cost, in `currency`'),
    reasons: z.array(z.string()),
    line: lineStringSchema,
    matchToken: z
      .string()
      .describe('Opaque: names this candidate (receiver, need, permit) to POST /api/matches without its ids'),
  })
  .meta({ id: 'MatchCandidate' })
export type MatchCandidate = z.infer<typeof matchCandidateSchema>

export const factorUsedSchema = z
  .object({ name: z.string(), value: z.number(), unit: z.string(), source: z.string() })
  .meta({ id: 'MatchingFactor' })
export type FactorUsed = z.infer<typeof factorUsedSchema>

export const streamSummarySchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    ewcCode: z.string(),
    ewcDescription: z.string(),
    description: z.string().nullable(),
    hazardous: z.boolean(),
    quantityTonnesPerYear: z.number(),
    routeCode: z.string().nullable(),
    categoryId: z.string(),
    categoryName: z.string(),
    location: pointSchema,
  })
  .meta({ id: 'MatchStreamSummary' })
export type StreamSummary = z.infer<typeof streamSummarySchema>

export const streamMatchesSchema = z
  .object({
    stream: streamSummarySchema,
    radiusKm: z.number(),
    factors: z.array(factorUsedSchema).describe('Every factor behind the figures, with its source'),
    candidates: z.array(matchCandidateSchema),
  })
  .meta({ id: 'StreamMatches' })
export type StreamMatches = z.infer<typeof streamMatchesSchema>

export const needSuppliersSchema = z
  .object({
    need: z.object({
      id: z.number().int(),
      enterpriseId: z.number().int(),
      enterpriseName: z.string(),
      description: z.string().nullable(),
      ewcCodes: z.array(z.string()),
      materialCategory: z.string().nullable(),
      quantityTonnesPerYear: z.number().nullable(),
      maxDistanceKm: z.number().nullable(),
    }),
    radiusKm: z.number(),
    factors: z.array(factorUsedSchema),
    suppliers: z.array(matchCandidateSchema),
  })
  .meta({ id: 'NeedSuppliers' })
export type NeedSuppliers = z.infer<typeof needSuppliersSchema>

export const opportunityQuerySchema = candidateQuerySchema.extend({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(2000, 'must be at most 2000').default(200),
  rankBy: z.enum(['co2', 'money'], { message: 'must be co2 or money' }).default('co2'),
})
export type OpportunityQuery = z.infer<typeof opportunityQuerySchema>

export const opportunityLineSchema = z.object({
  type: z.literal('Feature'),
  geometry: lineStringSchema,
  properties: z.object({
    rank: z.number().int(),
    wasteStreamId: z.number().int(),
    receiverEnterpriseId: z.number().int().nullable(),
    categoryId: z.string(),
    quantityTonnesPerYear: z.number(),
    netCo2Kg: z.number(),
    netMoney: z.number(),
  }),
})

export const regionOpportunitiesSchema = z
  .object({
    regionId: z.number().int(),
    regionName: z.string(),
    rankBy: z.enum(['co2', 'money']),
    currency: z.string(),
    streamsConsidered: z.number().int().describe('Streams offered as by-products or not recovered today'),
    totals: z.object({
      exchanges: z.number().int(),
      quantityTonnesPerYear: z.number(),
      co2AvoidedKg: z.number(),
      transportCo2Kg: z.number(),
      netCo2Kg: z.number(),
      landfillDivertedT: z.number(),
      netMoney: z.number(),
    }),
    opportunities: z
      .array(matchCandidateSchema)
      .describe("Each stream's best receiver, ranked by net benefit"),
    lines: z.object({ type: z.literal('FeatureCollection'), features: z.array(opportunityLineSchema) }),
  })
  .meta({ id: 'RegionOpportunities' })
export type RegionOpportunities = z.infer<typeof regionOpportunitiesSchema>
