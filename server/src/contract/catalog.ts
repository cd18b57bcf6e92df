import { z } from 'zod'
import { ewcCodeInput, naceCodeInput } from './codes.js'

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .describe('true or false')

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Page size, 1–1000'),
  offset: z.coerce.number().int().min(0).default(0),
}

export const ewcLevels = ['chapter', 'subchapter', 'entry'] as const

export const ewcEntrySchema = z
  .object({
    code: z.string().describe('Digits only: 10, 1001 or 100102'),
    display: z.string().describe('As printed in the List of Waste: 10 01 02, with * when hazardous'),
    level: z.enum(ewcLevels),
    chapter: z.string(),
    parent: z.string().nullable(),
    hazardous: z.boolean(),
    mirrorOf: z.string().nullable().describe('The counterpart of a mirror entry (hazardous ↔ non-hazardous)'),
    description: z.string(),
  })
  .meta({ id: 'EwcEntry' })
export type EwcEntry = z.infer<typeof ewcEntrySchema>

export const ewcSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('A code in any spelling (10 01, 100102) or words of the description'),
  chapter: ewcCodeInput
    .refine((code) => code.length === 2, 'must be a two-digit chapter such as 10')
    .optional()
    .describe('Chapter, e.g. 10'),
  level: z.enum(ewcLevels).optional(),
  hazardous: booleanQuery.optional(),
  ...pageQuery,
})
export type EwcSearchQuery = z.input<typeof ewcSearchQuerySchema>

export const ewcPageSchema = z
  .object({ total: z.number().int(), items: z.array(ewcEntrySchema) })
  .meta({ id: 'EwcPage' })
export type EwcPage = z.infer<typeof ewcPageSchema>

export const ewcCodeParamsSchema = z.object({ code: ewcCodeInput })

export const naceLevels = ['section', 'division', 'group', 'class'] as const

export const naceEntrySchema = z
  .object({
    code: z.string().describe('C, 10, 10.1 or 10.11'),
    level: z.enum(naceLevels),
    parent: z.string().nullable(),
    section: z.string(),
    title: z.string(),
  })
  .meta({ id: 'NaceEntry' })
export type NaceEntry = z.infer<typeof naceEntrySchema>

export const naceSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe('A code (10.11, 1011) or words of the title'),
  section: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-U]$/, 'must be a section letter A–U')
    .optional(),
  level: z.enum(naceLevels).optional(),
  ...pageQuery,
})
export type NaceSearchQuery = z.input<typeof naceSearchQuerySchema>

export const nacePageSchema = z
  .object({ total: z.number().int(), items: z.array(naceEntrySchema) })
  .meta({ id: 'NacePage' })
export type NacePage = z.infer<typeof nacePageSchema>

export const naceCodeParamsSchema = z.object({ code: naceCodeInput })
