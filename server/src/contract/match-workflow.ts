import { z } from 'zod'
import { optionalText, versionSchema } from './common.js'
import { matchSources } from './matching.js'

/** Saved matches and their status workflow (issue 6). */

export const matchStatuses = ['proposed', 'contacted', 'negotiating', 'realised', 'declined'] as const
export type MatchStatusName = (typeof matchStatuses)[number]

/** proposed → contacted → negotiating → realised, or declined from any open step; realised and declined are final. */
export const allowedTransitions: Readonly<Record<MatchStatusName, readonly MatchStatusName[]>> = {
  proposed: ['contacted', 'declined'],
  contacted: ['negotiating', 'declined'],
  negotiating: ['realised', 'declined'],
  realised: [],
  declined: [],
}

const id = z
  .number({ message: 'must be an id' })
  .int()
  .positive('must be a positive integer id')
  .max(2_147_483_647)

export const matchInputSchema = z
  .object({
    wasteStreamId: id,
    receiverEnterpriseId: id.optional().describe('The receiver; or give `matchToken` instead'),
    resourceNeedId: id.nullable().optional().describe('The need matched, when the candidate came from one'),
    permitId: id.nullable().optional().describe('The permit matched, when the candidate came from one'),
    matchToken: z
      .string({ message: 'must be the matchToken of a candidate' })
      .max(200, 'must be the matchToken of a candidate')
      .optional()
      .describe(
        "A candidate's opaque token (GET /api/waste-streams/:id/matches) instead of the receiver, need and permit ids; the only way for an enterprise user",
      ),
    notes: optionalText(2000),
  })
  .superRefine((input, ctx) => {
    if ((input.receiverEnterpriseId === undefined) === (input.matchToken === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [input.matchToken === undefined ? 'receiverEnterpriseId' : 'matchToken'],
        message: 'give either receiverEnterpriseId or matchToken, not both or neither',
      })
    }
  })
  .meta({ id: 'NewMatch' })
export type MatchInput = z.infer<typeof matchInputSchema>

export const matchUpdateSchema = z
  .object({
    version: versionSchema,
    status: z
      .enum(matchStatuses, { message: `must be one of ${matchStatuses.join(', ')}` })
      .optional()
      .describe('The next status; only the allowed transitions are accepted'),
    notes: optionalText(2000),
    note: optionalText(500).describe('A note kept with this status change in the history'),
  })
  .meta({ id: 'MatchChange' })
export type MatchUpdate = z.infer<typeof matchUpdateSchema>

export const matchListQuerySchema = z.object({
  wasteStreamId: z.coerce
    .number()
    .int()
    .positive('must be a positive integer id')
    .max(2_147_483_647)
    .optional(),
  enterpriseId: z.coerce
    .number()
    .int()
    .positive('must be a positive integer id')
    .max(2_147_483_647)
    .optional()
    .describe('Matches where the enterprise supplies or receives'),
  regionId: z.coerce
    .number()
    .int()
    .positive('must be a positive integer id')
    .max(2_147_483_647)
    .optional()
    .describe("Matches whose supplier lies in the region's area"),
  status: z.enum(matchStatuses, { message: `must be one of ${matchStatuses.join(', ')}` }).optional(),
})
export type MatchListQuery = z.infer<typeof matchListQuerySchema>

export const matchHistoryEntrySchema = z.object({
  status: z.enum(matchStatuses),
  changedAt: z.iso.datetime(),
  note: z.string().nullable(),
})

export const savedMatchSchema = z
  .object({
    id: z.number().int(),
    wasteStreamId: z.number().int(),
    ewcCode: z.string(),
    supplierEnterpriseId: z.number().int(),
    supplierName: z.string(),
    receiverEnterpriseId: z
      .number()
      .int()
      .nullable()
      .describe('null for a viewer who may not see single enterprises (an enterprise user)'),
    receiverName: z.string(),
    resourceNeedId: z.number().int().nullable(),
    permitId: z.number().int().nullable(),
    source: z.enum(matchSources),
    score: z.number(),
    distanceKm: z.number().nullable(),
    quantityTonnesPerYear: z.number().nullable(),
    transportCost: z.number().nullable(),
    transportCo2Kg: z.number().nullable(),
    co2AvoidedKg: z.number().nullable(),
    landfillDivertedT: z.number().nullable(),
    status: z.enum(matchStatuses),
    statusChangedAt: z.iso.datetime(),
    nextStatuses: z.array(z.enum(matchStatuses)).describe('Where the status may go from here'),
    notes: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    history: z.array(matchHistoryEntrySchema).describe('Every status with its date, oldest first'),
  })
  .meta({ id: 'Match' })
export type SavedMatch = z.infer<typeof savedMatchSchema>

export const matchListSchema = z.object({ items: z.array(savedMatchSchema) }).meta({ id: 'MatchList' })
export type MatchList = z.infer<typeof matchListSchema>

const impactTotals = z.object({
  matches: z.number().int(),
  quantityTonnesPerYear: z.number(),
  landfillDivertedT: z.number(),
  co2AvoidedKg: z.number(),
  transportCo2Kg: z.number(),
  netCo2Kg: z.number(),
})

export const exchangeImpactSchema = z
  .object({
    regionId: z.number().int(),
    regionName: z.string(),
    realised: impactTotals.describe('Realised exchanges whose supplier lies in the region'),
    byStatus: z.array(impactTotals.extend({ status: z.enum(matchStatuses) })),
  })
  .meta({ id: 'ExchangeImpact' })
export type ExchangeImpact = z.infer<typeof exchangeImpactSchema>
