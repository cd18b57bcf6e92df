import type { CandidateQuery, MatchCandidate, NeedSuppliers, StreamMatches } from '../../contract/matching.js'
import { selectResourceNeeds } from '../../domain/resource-need/queries.js'
import { notFound } from '../../plugins/error-handler.js'
import {
  candidateRows,
  receiverIs,
  streamIs,
  streamsFittingNeed,
  streamsForScoring,
  streamTexts,
} from './candidate-queries.js'
import { loadMatchingFactors, type MatchingFactors } from './knowledge.js'
import { toStreamSummary } from './mappers.js'
import { bestPerReceiver, byScore, scoreCandidate, type StreamForScoring } from './score.js'
import type { Db } from '../../db/database.js'
import type { Disclosure } from '../../contract/disclosure.js'
import { GENERALISE_PAD_KM, generaliseRow, redactCandidate } from './anonymise.js'

/** Great-circle km for ST_DWithin from a road radius; padded 1 % for the spheroid/sphere difference. */
export function searchKm(radiusKm: number, factors: MatchingFactors): number {
  return (radiusKm / factors.values.detour_factor) * 1.01
}

/** Scores the rows of each stream and keeps one candidate per stream and receiver. */
export function scoreAll(
  streams: readonly StreamForScoring[],
  rows: Awaited<ReturnType<typeof candidateRows>>,
  factors: MatchingFactors,
  radiusKm: number,
): MatchCandidate[] {
  const byId = new Map(streams.map((stream) => [stream.id, stream]))
  const scored = rows.flatMap((row) => {
    const stream = byId.get(row.streamId)
    const candidate = stream && scoreCandidate(stream, row, factors, radiusKm)
    return candidate ? [candidate] : []
  })
  return bestPerReceiver(scored).sort(byScore)
}

export type StreamMatchOptions = CandidateQuery & { receiverId?: number | undefined }

/**
 * Ranked receivers for one waste stream (GET /api/waste-streams/:id/matches). A viewer who may not
 * see single enterprises gets them from their grid cells, without ids or need and permit texts
 * (anonymise.ts); the supplier is the viewer's own enterprise (the route's 'stream' scope).
 */
export async function findStreamMatches(
  db: Db,
  streamId: number,
  query: StreamMatchOptions,
  disclosure: Pick<Disclosure, 'seesSmallCells'> = { seesSmallCells: true },
): Promise<StreamMatches> {
  const generalised = !disclosure.seesSmallCells
  const factors = await loadMatchingFactors(db)
  const [stream] = await streamsForScoring(db, streamIs(streamId))
  if (!stream) throw notFound(`Waste stream ${streamId}`)
  const rows = await candidateRows(db, {
    streams: streamIs(streamId),
    searchKm: searchKm(query.radiusKm, factors) + (generalised ? GENERALISE_PAD_KM : 0),
    // sector candidates all share one material fit and an unknown quantity, so the nearest are the best
    sectorLimit: query.limit * 2,
    receivers: query.receiverId === undefined ? undefined : receiverIs(query.receiverId),
    generalised,
  })
  const description = await streamTexts(db, streamId)
  const candidates = scoreAll(
    [stream],
    generalised ? rows.map(generaliseRow) : rows,
    factors,
    query.radiusKm,
  ).slice(0, query.limit)
  return {
    stream: toStreamSummary(stream, description),
    radiusKm: query.radiusKm,
    factors: factors.used,
    candidates: generalised ? candidates.map(redactCandidate) : candidates,
  }
}

/**
 * The reverse direction (GET /api/resource-needs/:id/suppliers): streams of other enterprises
 * that fit the need (code, prefix or category) within its distance limit, scored as the same
 * candidates would be from the stream's side; the latest survey year of each stream only.
 */
export async function findNeedSuppliers(
  db: Db,
  needId: number,
  query: CandidateQuery,
): Promise<NeedSuppliers> {
  const factors = await loadMatchingFactors(db)
  const need = await selectResourceNeeds(db).where('n.id', '=', needId).executeTakeFirst()
  if (!need) throw notFound(`Resource need ${needId}`)
  const radiusKm = Math.min(query.radiusKm, need.max_distance_km ?? Number.POSITIVE_INFINITY)
  const streams = streamsFittingNeed(need, searchKm(radiusKm, factors))
  const [candidates, rows] = await Promise.all([
    streamsForScoring(db, streams),
    candidateRows(db, { streams, searchKm: searchKm(radiusKm, factors), sectorLimit: 0, onlyNeedId: needId }),
  ])
  return {
    need: {
      id: need.id,
      enterpriseId: need.enterprise_id,
      enterpriseName: need.enterprise_name,
      description: need.description,
      ewcCodes: need.ewc_codes,
      materialCategory: need.material_category,
      quantityTonnesPerYear: need.quantity_t_per_year,
      maxDistanceKm: need.max_distance_km,
    },
    radiusKm,
    factors: factors.used,
    suppliers: scoreAll(candidates, rows, factors, radiusKm).slice(0, query.limit),
  }
}
