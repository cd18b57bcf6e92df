import { z } from 'zod'
import { ewcCodeInput, naceCodeInput } from '../contract/codes.js'
import { areaGeometrySchema, featureCollectionSchema, featureSchema } from '../contract/geojson.js'

/** The shape of fixtures/demo/*, checked before anything is written. */
const routeCode = z.string().regex(/^(R([1-9]|1[0-3])|D([1-9]|1[0-5]))$/, 'must be R1–R13 or D1–D15')

export const demoRegionsSchema = featureCollectionSchema(
  featureSchema(
    areaGeometrySchema,
    z.object({
      name: z.string().min(1),
      level: z.enum(['pilot', 'admin1', 'admin2']),
      code: z.string().min(1),
      parent: z.string().nullable(),
    }),
  ),
)

const wasteStream = z
  .object({
    ewcCode: ewcCodeInput,
    description: z.string(),
    physicalState: z.enum(['solid', 'liquid', 'sludge', 'paste', 'powder', 'gas', 'mixed']),
    quantity: z.number().positive(),
    unit: z.enum(['t', 'kg', 'm3', 'l']),
    period: z.enum(['year', 'month', 'batch']),
    densityTPerM3: z.number().positive().optional(),
    batchesPerYear: z.number().positive().optional(),
    frequency: z.enum(['continuous', 'regular', 'occasional', 'one_off']),
    basis: z.enum(['measured', 'estimated', 'calculated']),
    routeCode: routeCode.nullable(),
    routeSite: z.enum(['on_site', 'off_site']).nullable(),
    receiverName: z.string().nullable().optional(),
    surveyYear: z.number().int().min(1990).max(2100),
    offeredAsByproduct: z.boolean(),
  })
  .refine((s) => (s.unit === 'm3' || s.unit === 'l') === (s.densityTPerM3 !== undefined), {
    message: 'densityTPerM3 is required for volumes (m3, l) and only for them',
    path: ['densityTPerM3'],
  })
  .refine((s) => (s.period === 'batch') === (s.batchesPerYear !== undefined), {
    message: 'batchesPerYear is required for period "batch" and only for it',
    path: ['batchesPerYear'],
  })

export const demoEnterprisesSchema = z.array(
  z.object({
    nationalId: z.string().min(1),
    name: z.string().min(1),
    naceCode: naceCodeInput,
    sizeClass: z.enum(['micro', 'small', 'medium', 'large']),
    employees: z.number().int().nonnegative(),
    address: z.string(),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    wasteStreams: z.array(wasteStream),
    resourceNeeds: z
      .array(
        z.object({
          description: z.string(),
          ewcCodes: z.array(ewcCodeInput),
          materialCategory: z.string().nullable(),
          quantityTPerYear: z.number().nonnegative(),
          maxDistanceKm: z.number().positive(),
        }),
      )
      .default([]),
    permits: z
      .array(
        z.object({
          permitNumber: z.string(),
          operation: routeCode,
          acceptedEwc: z.array(ewcCodeInput),
          capacityTPerYear: z.number().nonnegative(),
          hazardousAllowed: z.boolean(),
        }),
      )
      .default([]),
  }),
)
export type DemoEnterprise = z.infer<typeof demoEnterprisesSchema>[number]
