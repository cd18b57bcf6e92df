import { z } from 'zod'
import { ewcCodeInput } from './codes.js'
import { optionalText, routeCodeSchema, surveyYearSchema, versionSchema } from './common.js'

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
  receiverEnterpriseId: z.number().int().positive().nullable().optional(),
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
