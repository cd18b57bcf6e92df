import { z } from 'zod'
import { surveyYearSchema } from './common.js'
import { wasteStreamInputSchema, wasteStreamSchema } from './waste-streams.js'

/**
 * Carry-forward drafts (issue 12): an enterprise's streams of one survey year copied into a later
 * one as drafts, to be confirmed (as they are or changed) or discarded one by one. A draft is not
 * a waste stream: no total, tile, export or enterprise figure counts it until it is confirmed.
 */

export const carryForwardInputSchema = z
  .object({
    fromYear: surveyYearSchema
      .optional()
      .describe("The year carried from; default: the enterprise's latest survey year with streams"),
    toYear: surveyYearSchema.optional().describe('The year carried into; default: fromYear + 1'),
  })
  .meta({ id: 'NewStreamDrafts' })
export type CarryForwardInput = z.infer<typeof carryForwardInputSchema>

export const streamDraftSchema = wasteStreamSchema
  .omit({ id: true, version: true, updatedAt: true })
  .extend({
    id: z.number().int(),
    carriedFromStreamId: z
      .number()
      .int()
      .nullable()
      .describe('The stream it was copied from; null when that stream was deleted since'),
    surveyYear: z.number().int().describe('The year the stream is carried into'),
    quantityTonnesPerYear: z.number().describe('As the stream would count once confirmed; not counted now'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'StreamDraft' })
export type StreamDraft = z.infer<typeof streamDraftSchema>

export const streamDraftListSchema = z
  .object({ items: z.array(streamDraftSchema) })
  .meta({ id: 'StreamDraftList' })
export type StreamDraftList = z.infer<typeof streamDraftListSchema>

export const carryForwardResultSchema = z
  .object({
    fromYear: z.number().int(),
    toYear: z.number().int(),
    items: z.array(streamDraftSchema).describe('The drafts this call created'),
    alreadyInYear: z.number().int().describe('Streams of fromYear the target year already has'),
    alreadyDrafted: z.number().int().describe('Streams of fromYear already carried forward as drafts'),
  })
  .meta({ id: 'StreamDraftsCreated' })
export type CarryForwardResult = z.infer<typeof carryForwardResultSchema>

/**
 * What a confirmation changes of the draft, every field optional: the stream's own input schema
 * without its year (the draft's target year) and without defaults (an absent field keeps the
 * draft's value). The merged stream is then checked as a new stream is.
 */
export const draftConfirmationSchema = z
  .object(wasteStreamInputSchema.shape)
  .omit({ surveyYear: true, hazardous: true })
  .extend({ offeredAsByproduct: z.boolean().optional() })
  .partial()
  .meta({ id: 'StreamDraftConfirmation' })
export type DraftConfirmation = z.infer<typeof draftConfirmationSchema>
