import { z } from 'zod'
import { ewcCodeInput } from './codes.js'
import { optionalText, versionSchema } from './common.js'

const needFields = z.object({
  description: optionalText(500),
  ewcCodes: z
    .array(ewcCodeInput)
    .max(200)
    .default([])
    .describe('EWC entries (100102) or chapter / sub-chapter prefixes (10, 1001) the enterprise can take'),
  materialCategory: optionalText(60).describe('A material category of the knowledge base, e.g. ashes_slags'),
  quantityTonnesPerYear: z
    .number()
    .nonnegative('must not be negative')
    .max(1e8, 'is absurd')
    .nullable()
    .optional(),
  maxDistanceKm: z.number().positive('must be positive').max(20_000).nullable().optional(),
})

function needsWhat(need: { ewcCodes?: string[]; materialCategory?: string | null }, ctx: z.RefinementCtx) {
  if ((need.ewcCodes?.length ?? 0) === 0 && !need.materialCategory) {
    ctx.addIssue({
      code: 'custom',
      path: ['ewcCodes'],
      message: 'name at least one EWC code or a material category',
    })
  }
}

export const resourceNeedInputSchema = needFields.superRefine(needsWhat).meta({ id: 'NewResourceNeed' })
export type ResourceNeedInput = z.infer<typeof resourceNeedInputSchema>
export const resourceNeedUpdateSchema = needFields
  .extend({ version: versionSchema })
  .superRefine(needsWhat)
  .meta({ id: 'ResourceNeedChange' })
export type ResourceNeedUpdate = z.infer<typeof resourceNeedUpdateSchema>

export const resourceNeedSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    description: z.string().nullable(),
    ewcCodes: z.array(z.string()),
    materialCategory: z.string().nullable(),
    quantityTonnesPerYear: z.number().nullable(),
    maxDistanceKm: z.number().nullable(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ResourceNeed' })
export type ResourceNeed = z.infer<typeof resourceNeedSchema>

export const resourceNeedListItemSchema = resourceNeedSchema
  .extend({ enterpriseName: z.string() })
  .meta({ id: 'ResourceNeedListItem' })
export type ResourceNeedListItem = z.infer<typeof resourceNeedListItemSchema>

export const resourceNeedPageSchema = z
  .object({
    total: z.number().int().describe('Matching needs before paging'),
    items: z.array(resourceNeedListItemSchema),
  })
  .meta({ id: 'ResourceNeedPage' })
export type ResourceNeedPage = z.infer<typeof resourceNeedPageSchema>

export const resourceNeedListSchema = z
  .object({ items: z.array(resourceNeedSchema) })
  .meta({ id: 'ResourceNeedList' })
export type ResourceNeedList = z.infer<typeof resourceNeedListSchema>
