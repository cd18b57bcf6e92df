import { z } from 'zod'
import { ewcCodeInput } from './codes.js'
import { optionalText, routeCodeSchema, versionSchema } from './common.js'

const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' })

const permitFields = z.object({
  permitNumber: optionalText(100),
  operation: routeCodeSchema,
  acceptedEwc: z
    .array(ewcCodeInput)
    .max(1000)
    .default([])
    .describe('EWC entries or chapter / sub-chapter prefixes the permit covers'),
  capacityTonnesPerYear: z
    .number()
    .nonnegative('must not be negative')
    .max(1e9, 'is absurd')
    .nullable()
    .optional(),
  hazardousAllowed: z.boolean().default(false),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
})

function datesInOrder(permit: { validFrom?: string | null; validTo?: string | null }, ctx: z.RefinementCtx) {
  if (permit.validFrom && permit.validTo && permit.validTo < permit.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' })
  }
}

export const permitInputSchema = permitFields.superRefine(datesInOrder).meta({ id: 'NewPermit' })
export type PermitInput = z.infer<typeof permitInputSchema>
export const permitUpdateSchema = permitFields
  .extend({ version: versionSchema })
  .superRefine(datesInOrder)
  .meta({ id: 'PermitChange' })
export type PermitUpdate = z.infer<typeof permitUpdateSchema>

export const permitSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    permitNumber: z.string().nullable(),
    operation: z.string(),
    acceptedEwc: z.array(z.string()),
    capacityTonnesPerYear: z.number().nullable(),
    hazardousAllowed: z.boolean(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Permit' })
export type Permit = z.infer<typeof permitSchema>

export const permitListItemSchema = permitSchema
  .extend({ enterpriseName: z.string() })
  .meta({ id: 'PermitListItem' })
export type PermitListItem = z.infer<typeof permitListItemSchema>

export const permitPageSchema = z
  .object({
    total: z.number().int().describe('Matching permits before paging'),
    items: z.array(permitListItemSchema),
  })
  .meta({ id: 'PermitPage' })
export type PermitPage = z.infer<typeof permitPageSchema>

export const permitListSchema = z.object({ items: z.array(permitSchema) }).meta({ id: 'PermitList' })
export type PermitList = z.infer<typeof permitListSchema>
