import { z } from 'zod'
import { ewcCodeInput } from './codes.js'
import { optionalText, routeCodeSchema, surveyYearSchema, versionSchema } from './common.js'
// Type only: enterprises.ts imports this module's schemas, so a value import would be a cycle.
import type { SurveyFilters } from './survey-filters.js'

export const quantityUnits = ['t', 'kg', 'm3', 'l'] as const
export const quantityPeriods = ['year', 'month', 'batch'] as const
export const quantityBases = ['measured', 'estimated', 'calculated'] as const
export const physicalStates = ['solid', 'liquid', 'sludge', 'paste', 'powder', 'gas', 'mixed'] as const
export const frequencies = ['continuous', 'regular', 'occasional', 'one_off'] as const
export const routeSites = ['on_site', 'off_site'] as const

/** Above this a figure is a typing error, not a waste stream (the largest plants report ~10⁷ t/yr). */
export const ABSURD_QUANTITY = 100_000_000

export const wasteEntryCode = ewcCodeInput.refine(
  (code) => code.length === 6,
  'must be a six-digit EWC entry (chapters and sub-chapters are not codes a waste can carry)',
)

const wasteStreamFields = z.object({
  ewcCode: wasteEntryCode,
  hazardous: z
    .boolean()
    .optional()
    .describe(
      'Optional assertion. The hazardous flag follows the EWC code; if given and the code says otherwise the request is refused, naming the mirror entry to choose instead',
    ),
  description: optionalText(500),
  streamRef: optionalText(100).describe(
    'Your own key of the stream within its enterprise, EWC code and survey year (the import column stream_ref): a re-import matches the stream by it, else by its description',
  ),
  physicalState: z.enum(physicalStates).nullable().optional(),
  quantity: z
    .number({ message: 'must be a number' })
    .nonnegative('must not be negative')
    .max(ABSURD_QUANTITY, `is absurd: above ${ABSURD_QUANTITY.toLocaleString('en')} per period`),
  unit: z.enum(quantityUnits, { message: 'must be one of t, kg, m3, l' }),
  period: z.enum(quantityPeriods, { message: 'must be one of year, month, batch' }),
  densityTPerM3: z
    .number()
    .positive('must be positive')
    .max(25, 'is absurd: no waste is denser than 25 t/m³')
    .nullable()
    .optional()
    .describe('Required for volumes (m3, l): tonnes per cubic metre. Never guessed'),
  batchesPerYear: z.number().positive('must be positive').max(1_000_000).nullable().optional(),
  frequency: z.enum(frequencies).nullable().optional(),
  basis: z.enum(quantityBases, { message: 'must be measured, estimated or calculated' }),
  routeCode: routeCodeSchema.nullable().optional(),
  routeSite: z.enum(routeSites).nullable().optional(),
  receiverName: optionalText(200),
  receiverEnterpriseId: z
    .number()
    .int()
    .positive()
    .max(2_147_483_647, 'is not an id: too large')
    .nullable()
    .optional()
    .describe('The receiving enterprise, when it is in Loopmap'),
  costPerYear: z.number().nonnegative('must not be negative').max(1e12).nullable().optional(),
  costCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as AZN or EUR')
    .nullable()
    .optional(),
  surveyYear: surveyYearSchema,
  offeredAsByproduct: z.boolean().default(false),
})

type StreamFields = z.infer<typeof wasteStreamFields>
type QuantityFields = Pick<StreamFields, 'quantity' | 'unit' | 'period' | 'densityTPerM3' | 'batchesPerYear'>

/**
 * Tonnes per year, the way migrations/003_survey.sql computes `quantity_t_per_year` (the database
 * stays the one source of the stored figure); here so a form can show it and absurd totals are
 * refused before they reach the database. Undefined when a needed density or batch count is missing.
 */
export function tonnesPerYear(stream: QuantityFields): number | undefined {
  const density = stream.densityTPerM3 ?? undefined
  const tonnesPerUnit = {
    t: 1,
    kg: 0.001,
    m3: density,
    l: density === undefined ? undefined : density / 1000,
  }[stream.unit]
  const periodsPerYear = { year: 1, month: 12, batch: stream.batchesPerYear ?? undefined }[stream.period]
  if (tonnesPerUnit === undefined || periodsPerYear === undefined) return undefined
  return stream.quantity * tonnesPerUnit * periodsPerYear
}

/** Units and periods that need another figure say so; nothing is guessed. */
function checkQuantityCompleteness(stream: Partial<StreamFields>, ctx: z.RefinementCtx) {
  const isVolume = stream.unit === 'm3' || stream.unit === 'l'
  if (isVolume && stream.densityTPerM3 == null) {
    ctx.addIssue({
      code: 'custom',
      path: ['densityTPerM3'],
      message: `a volume in ${stream.unit} needs the density in t/m³ to be counted in tonnes; it is not guessed`,
    })
  }
  if (!isVolume && stream.unit !== undefined && stream.densityTPerM3 != null) {
    ctx.addIssue({ code: 'custom', path: ['densityTPerM3'], message: 'only volumes (m3, l) take a density' })
  }
  if (stream.period === 'batch' && stream.batchesPerYear == null) {
    ctx.addIssue({
      code: 'custom',
      path: ['batchesPerYear'],
      message: 'a quantity per batch needs the number of batches per year',
    })
  }
  if (stream.period !== undefined && stream.period !== 'batch' && stream.batchesPerYear != null) {
    ctx.addIssue({
      code: 'custom',
      path: ['batchesPerYear'],
      message: 'only period "batch" takes batchesPerYear',
    })
  }
  // Each figure may be plausible on its own and the product still absurd (1e8 t per batch × 1e6 batches).
  const { quantity, unit, period } = stream
  if (quantity === undefined || unit === undefined || period === undefined) return
  const total = tonnesPerYear({ ...stream, quantity, unit, period })
  if (total !== undefined && total > ABSURD_QUANTITY) {
    ctx.addIssue({
      code: 'custom',
      path: ['quantity'],
      message: `is absurd: it amounts to ${total.toExponential(2)} t per year, above ${ABSURD_QUANTITY.toLocaleString('en')}`,
    })
  }
}

export const wasteStreamInputSchema = wasteStreamFields
  .superRefine(checkQuantityCompleteness)
  .meta({ id: 'NewWasteStream' })
export type WasteStreamInput = z.infer<typeof wasteStreamInputSchema>

export const wasteStreamUpdateSchema = wasteStreamFields
  .extend({ version: versionSchema })
  .superRefine(checkQuantityCompleteness)
  .meta({ id: 'WasteStreamChange' })
export type WasteStreamUpdate = z.infer<typeof wasteStreamUpdateSchema>

export const wasteStreamSchema = z
  .object({
    id: z.number().int(),
    enterpriseId: z.number().int(),
    ewcCode: z.string(),
    ewcDescription: z.string(),
    hazardous: z.boolean().describe('From the EWC entry'),
    description: z.string().nullable(),
    streamRef: z.string().nullable().describe('Your own key of the stream (import column stream_ref)'),
    physicalState: z.enum(physicalStates).nullable(),
    quantity: z.number(),
    unit: z.enum(quantityUnits),
    period: z.enum(quantityPeriods),
    densityTPerM3: z.number().nullable(),
    batchesPerYear: z.number().nullable(),
    quantityTonnesPerYear: z
      .number()
      .describe('Normalised by the database from quantity, unit, period, density'),
    frequency: z.enum(frequencies).nullable(),
    basis: z.enum(quantityBases),
    routeCode: z.string().nullable(),
    routeSite: z.enum(routeSites).nullable(),
    receiverName: z.string().nullable(),
    receiverEnterpriseId: z.number().int().nullable(),
    costPerYear: z.number().nullable(),
    costCurrency: z.string().nullable(),
    surveyYear: z.number().int(),
    offeredAsByproduct: z.boolean(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WasteStream' })
export type WasteStream = z.infer<typeof wasteStreamSchema>

/** Path parameters of the routes nested under an enterprise. */
// bounded to PostgreSQL's integer so an overlong id is a 400, not a database error
const positiveId = z.coerce
  .number()
  .int()
  .positive('must be a positive integer id')
  .max(2_147_483_647, 'is not an id: too large')
export const enterpriseScopeParamsSchema = z.object({ enterpriseId: positiveId })
export const enterpriseItemParamsSchema = z.object({ enterpriseId: positiveId, id: positiveId })

/**
 * Paging of the stand-alone lists (/api/waste-streams, /api/resource-needs, /api/permits). Their
 * query is `surveyFiltersSchema.extend(surveyListPaging)`: composed where both are imported
 * because this module cannot import enterprises.ts at run time (enterprises.ts imports it).
 */
export const surveyListPaging = {
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000).describe('Page size, 1–10 000'),
  offset: z.coerce.number().int().min(0).default(0),
}
export type SurveyListQuery = SurveyFilters & { limit: number; offset: number }

export const wasteStreamListItemSchema = wasteStreamSchema
  .extend({ enterpriseName: z.string() })
  .meta({ id: 'WasteStreamListItem' })
export type WasteStreamListItem = z.infer<typeof wasteStreamListItemSchema>

export const wasteStreamPageSchema = z
  .object({
    total: z.number().int().describe('Matching streams before paging'),
    items: z.array(wasteStreamListItemSchema),
  })
  .meta({ id: 'WasteStreamPage' })
export type WasteStreamPage = z.infer<typeof wasteStreamPageSchema>

export const wasteStreamListSchema = z
  .object({ items: z.array(wasteStreamSchema) })
  .meta({ id: 'WasteStreamList' })
export type WasteStreamList = z.infer<typeof wasteStreamListSchema>
