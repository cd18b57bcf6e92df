import type { Kysely } from 'kysely'
import type { ExchangeImpact, MatchInput, MatchListQuery, SavedMatch } from '../../contract/match-workflow.js'
import { MAX_RADIUS_KM, type MatchCandidate } from '../../contract/matching.js'
import { toImpact, toSavedMatch } from '../../domain/match/mapper.js'
import {
  enterpriseExists,
  findOpenMatch,
  findRegionName,
  historyOf,
  impactByStatus,
  listMatches,
} from '../../domain/match/queries.js'
import { insertAuditedMatch, readMatch } from '../../domain/match/write.js'
import { isPgError, PG_UNIQUE_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { candidateRows, receiverIs, streamIs, streamsForScoring } from './candidate-queries.js'
import { loadMatchingFactors } from './knowledge.js'
import { byScore, scoreCandidate } from './score.js'
import { searchKm } from './service.js'

type Trx = Kysely<DB>

const invalid = (path: string, message: string) =>
  new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${path}: ${message}`, [{ path, message }])
const conflict = (path: string, message: string) =>
  new HttpError(409, 'CONFLICT', message, [{ path, message }])

/**
 * The candidate to save, recomputed on the server (figures are never taken from the client):
 * the stream's candidates at this receiver, the named need or permit if one is given, else the best.
 */
async function candidateFor(db: Trx, input: MatchInput): Promise<MatchCandidate> {
  const factors = await loadMatchingFactors(db)
  const [stream] = await streamsForScoring(db, streamIs(input.wasteStreamId))
  if (!stream) throw invalid('body.wasteStreamId', 'no waste stream has this id')
  const receiver = { id: input.receiverEnterpriseId }
  if (!(await enterpriseExists(db, receiver.id)))
    throw invalid('body.receiverEnterpriseId', 'no enterprise has this id')
  const rows = await candidateRows(db, {
    streams: streamIs(stream.id),
    searchKm: searchKm(MAX_RADIUS_KM, factors),
    sectorLimit: 1,
    receivers: receiverIs(receiver.id),
  })
  const candidates = rows
    .flatMap((row) => scoreCandidate(stream, row, factors, MAX_RADIUS_KM) ?? [])
    .sort(byScore)
  if (candidates.length === 0) {
    throw invalid(
      'body.receiverEnterpriseId',
      `enterprise ${receiver.id} is not a candidate receiver for waste stream ${stream.id}: no need, valid recovery permit with capacity or sector use fits it within its limits (and a hazardous stream needs a hazardous-waste permit)`,
    )
  }
  const { resourceNeedId, permitId } = input
  if (resourceNeedId != null) {
    const chosen = candidates.find((c) => c.resourceNeedId === resourceNeedId)
    if (!chosen)
      throw invalid('body.resourceNeedId', `need ${resourceNeedId} of this receiver does not fit the stream`)
    return chosen
  }
  if (permitId != null) {
    const chosen = candidates.find((c) => c.permitId === permitId)
    if (!chosen)
      throw invalid('body.permitId', `permit ${permitId} of this receiver does not cover the stream`)
    return chosen
  }
  return candidates[0] as MatchCandidate
}

export function saveMatch(db: Trx, input: MatchInput): Promise<SavedMatch> {
  return db.transaction().execute(async (trx) => {
    const candidate = await candidateFor(trx, input)
    const open = await findOpenMatch(trx, input.wasteStreamId, input.receiverEnterpriseId)
    const duplicate = (id?: number) =>
      conflict(
        'body.receiverEnterpriseId',
        `waste stream ${input.wasteStreamId} already has an open match with enterprise ${input.receiverEnterpriseId}${id ? ` (match ${id})` : ''}; change that one instead`,
      )
    if (open) throw duplicate(open.id)
    const values = {
      waste_stream_id: candidate.wasteStreamId,
      receiver_enterprise_id: candidate.receiver.enterpriseId,
      resource_need_id: candidate.resourceNeedId,
      permit_id: candidate.permitId,
      source: candidate.source,
      score: candidate.score,
      distance_km: candidate.distanceKm,
      quantity_t_per_year: candidate.quantityTonnesPerYear,
      transport_cost: candidate.transportCost,
      transport_co2_kg: candidate.transportCo2Kg,
      co2_avoided_kg: candidate.co2AvoidedKg,
      landfill_diverted_t: candidate.landfillDivertedT,
      notes: input.notes ?? null,
    }
    try {
      return await insertAuditedMatch(trx, values, candidate.reasons[0] ?? null)
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION, 'matches_open_pair_idx')) throw duplicate()
      throw error
    }
  })
}

export async function listSavedMatches(db: Trx, filters: MatchListQuery): Promise<SavedMatch[]> {
  const rows = await listMatches(db, filters)
  const history = await historyOf(
    db,
    rows.map((row) => row.id),
  )
  return rows.map((row) =>
    toSavedMatch(
      row,
      history.filter((h) => h.match_id === row.id),
    ),
  )
}

export function getSavedMatch(db: Trx, id: number) {
  return readMatch(db, id)
}

/** Realised exchanges of the region (supplier inside it), and every status for the pipeline. */
export async function exchangeImpact(db: Trx, regionId: number): Promise<ExchangeImpact> {
  const region = await findRegionName(db, regionId)
  if (!region) throw notFound(`Region ${regionId}`)
  return toImpact(region, await impactByStatus(db, regionId))
}
