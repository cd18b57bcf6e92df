import { type Kysely, sql } from 'kysely'
import {
  allowedTransitions,
  type ExchangeImpact,
  type MatchInput,
  type MatchListQuery,
  type MatchUpdate,
  type SavedMatch,
} from '../../contract/match-workflow.js'
import { MAX_RADIUS_KM, type MatchCandidate } from '../../contract/matching.js'
import { recordAudit } from '../../domain/audit/record.js'
import { isPgError, PG_UNIQUE_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { candidateRows, streamsForScoring } from './candidate-queries.js'
import { loadMatchingFactors } from './knowledge.js'
import { toImpact, toSavedMatch } from './mappers.js'
import { byScore, scoreCandidate } from './score.js'
import { searchKm } from './service.js'
import {
  findMatch,
  findOpenMatch,
  historyOf,
  impactByStatus,
  insertMatch,
  listMatches,
  updateMatch,
} from './workflow-queries.js'

type Trx = Kysely<DB>

const invalid = (path: string, message: string) =>
  new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${path}: ${message}`, [{ path, message }])
const conflict = (path: string, message: string) =>
  new HttpError(409, 'CONFLICT', message, [{ path, message }])

async function readMatch(db: Trx, id: number, lock = false): Promise<SavedMatch> {
  const row = await findMatch(db, id, lock)
  if (!row) throw notFound(`Match ${id}`)
  return toSavedMatch(row, await historyOf(db, [id]))
}

/**
 * The candidate to save, recomputed on the server (figures are never taken from the client):
 * the stream's candidates at this receiver, the named need or permit if one is given, else the best.
 */
async function candidateFor(db: Trx, input: MatchInput): Promise<MatchCandidate> {
  const factors = await loadMatchingFactors(db)
  const [stream] = await streamsForScoring(db, sql<boolean>`w.id = ${input.wasteStreamId}`)
  if (!stream) throw invalid('body.wasteStreamId', 'no waste stream has this id')
  const receiver = await db
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', input.receiverEnterpriseId)
    .executeTakeFirst()
  if (!receiver) throw invalid('body.receiverEnterpriseId', 'no enterprise has this id')
  const rows = await candidateRows(db, {
    streams: sql<boolean>`w.id = ${stream.id}`,
    searchKm: searchKm(MAX_RADIUS_KM, factors),
    sectorLimit: 1,
    receivers: sql<boolean>`r.id = ${receiver.id}`,
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
    let id: number
    try {
      id = await insertMatch(trx, values, candidate.reasons[0] ?? null)
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION, 'matches_open_pair_idx')) throw duplicate()
      throw error
    }
    const created = await readMatch(trx, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'match',
      entityId: id,
      action: 'create',
      before: null,
      after: created,
    })
    return created
  })
}

/**
 * Status and notes, with optimistic concurrency (a stale version is 409) and only the allowed
 * transitions (an illegal one is 409 naming the statuses that may follow).
 */
export function changeMatch(db: Trx, id: number, { version, status, notes, note }: MatchUpdate) {
  return db.transaction().execute(async (trx) => {
    const before = await readMatch(trx, id, true)
    if (before.version !== version) {
      throw conflict(
        'body.version',
        `version ${version} is stale: match ${id} is at version ${before.version}; reload it and apply the change again`,
      )
    }
    const moves = status !== undefined && status !== before.status
    if (moves && !allowedTransitions[before.status].includes(status)) {
      const next = allowedTransitions[before.status]
      throw conflict(
        'body.status',
        `a match cannot go from ${before.status} to ${status}: ${next.length === 0 ? `${before.status} is final` : `from ${before.status} it may go to ${next.join(' or ')}`}`,
      )
    }
    await updateMatch(trx, id, { status: moves ? status : undefined, notes, note: note ?? null })
    const after = await readMatch(trx, id)
    await recordAudit(trx, { userId: null, entity: 'match', entityId: id, action: 'update', before, after })
    return after
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
  const region = await db
    .selectFrom('regions')
    .select(['id', 'name'])
    .where('id', '=', regionId)
    .executeTakeFirst()
  if (!region) throw notFound(`Region ${regionId}`)
  return toImpact(region, await impactByStatus(db, regionId))
}
