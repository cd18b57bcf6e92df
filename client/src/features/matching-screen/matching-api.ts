import {
  exchangeImpactSchema,
  type matchInputSchema,
  matchListSchema,
  type matchUpdateSchema,
  savedMatchSchema,
} from '@contract/match-workflow.js'
import { regionOpportunitiesSchema, streamMatchesSchema } from '@contract/matching.js'
import type { z } from 'zod'
import { getJson, sendJson } from '../../api/client.js'

/** The matching endpoints (issue 6), typed by the server's contract. */
export const matchingApi = {
  streamMatches: (streamId: number, radiusKm: number) =>
    getJson(streamMatchesSchema, `waste-streams/${streamId}/matches`, { radiusKm, limit: 20 }),
  savedMatches: (wasteStreamId: number) => getJson(matchListSchema, 'matches', { wasteStreamId }),
  saveMatch: (input: z.input<typeof matchInputSchema>) =>
    sendJson(savedMatchSchema, 'POST', 'matches', input),
  changeMatch: (id: number, change: z.input<typeof matchUpdateSchema>) =>
    sendJson(savedMatchSchema, 'PUT', `matches/${id}`, change),
  opportunities: (regionId: number, rankBy: 'co2' | 'money') =>
    getJson(regionOpportunitiesSchema, `regions/${regionId}/opportunities`, { rankBy, limit: 200 }),
  impact: (regionId: number) => getJson(exchangeImpactSchema, `regions/${regionId}/exchange-impact`),
}
