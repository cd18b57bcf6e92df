import {
  type carryForwardInputSchema,
  carryForwardResultSchema,
  type draftConfirmationSchema,
  streamDraftListSchema,
} from '@contract/stream-drafts.js'
import { wasteStreamSchema } from '@contract/waste-streams.js'
import type { z } from 'zod'
import { getJson, sendJson } from './client.js'

/**
 * An enterprise's carry-forward drafts (issue 12): list, carry a year forward, confirm one (with
 * changed figures) into a waste stream, discard one. Typed by the server's contract.
 */
export const streamDraftsOf = (enterpriseId: number) => {
  const base = `enterprises/${enterpriseId}/stream-drafts`
  return {
    list: () => getJson(streamDraftListSchema, base),
    carryForward: (input: z.input<typeof carryForwardInputSchema>) =>
      sendJson(carryForwardResultSchema, 'POST', base, input),
    confirm: (id: number, changes: z.input<typeof draftConfirmationSchema> = {}) =>
      sendJson(wasteStreamSchema, 'POST', `${base}/${id}/confirm`, changes),
    discard: (id: number) => sendJson(null, 'DELETE', `${base}/${id}`),
  }
}
