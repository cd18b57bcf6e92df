import type { Kysely } from 'kysely'
import type { Viewer } from '../../contract/accounts.js'
import type {
  ExchangeImpact,
  MatchInput,
  MatchListQuery,
  MatchUpdate,
  SavedMatch,
} from '../../contract/match-workflow.js'
import { MAX_RADIUS_KM, type MatchCandidate } from '../../contract/matching.js'
import { toImpact, toSavedMatch } from '../../domain/match/mapper.js'
import {
  enterpriseExists,
  findMatch,
  findOpenMatch,
  findRegionName,
  historyOf,
  impactByStatus,
  listMatches,
} from '../../domain/match/queries.js'
import { changeMatch, insertAuditedMatch, readMatch } from '../../domain/match/write.js'
import { enterpriseInRegionsOrAbsent } from '../../domain/account/scope-queries.js'
import { isPgError, PG_UNIQUE_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { candidateRows, receiverIs, streamIs, streamsForScoring } from './candidate-queries.js'
import { loadMatchingFactors } from './knowledge.js'
import { redactSavedMatch } from './anonymise.js'
import { openMatchToken } from './match-token.js'
import { byScore, scoreCandidate } from './score.js'
import { searchKm } from './service.js'

type Trx = Kysely<DB>

const invalid = (path: string, message: string) =>
  new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${path}: ${message}`, [{ path, message }])
const conflict = (path: string, message: string) =>
  new HttpError(409, 'CONFLICT', message, [{ path, message }])

/**
 * Who proposes or changes a match: the viewer (an enterprise proposes for its own streams only, an
 * analyst acts inside the regions assigned to them) and whether they see single enterprises (the
 * request's Disclosure); without that they name the receiver by `matchToken` only, and no answer
 * names another enterprise's id, exists-or-not included (issue 13).
 */
export type MatchActor = { viewer: Viewer; seesSingleEnterprises: boolean }

/** Staff, scripts and tests that act with every right. */
export const trustedActor: MatchActor = {
  viewer: { kind: 'user', userId: 0, role: 'admin', enterpriseId: null, regionIds: [] },
  seesSingleEnterprises: true,
}

/**
 * An analyst's match actions follow the rule of their other writes (plugins/auth.ts, with the same
 * query): the supplying enterprise, whose stream the match is, lies in a region assigned to them.
 */
async function checkAnalystRegions(db: Trx, actor: MatchActor, supplierId: number) {
  const { viewer } = actor
  if (viewer.kind !== 'user' || viewer.role !== 'analyst') return
  if (!(await enterpriseInRegionsOrAbsent(db, supplierId, viewer.regionIds))) {
    throw new HttpError(403, 'FORBIDDEN', `Enterprise ${supplierId} lies outside the regions assigned to you`)
  }
}

type Receiver = { receiverEnterpriseId: number; resourceNeedId: number | null; permitId: number | null }

/** The receiver a proposal names: by its ids (who sees single enterprises) or by the token. */
function receiverOf(input: MatchInput, actor: MatchActor): Receiver {
  if (!actor.seesSingleEnterprises) {
    // refused whatever the id is, so the answer says nothing about which ids exist
    for (const field of ['receiverEnterpriseId', 'resourceNeedId', 'permitId'] as const) {
      if (input[field] != null)
        throw invalid(`body.${field}`, "is not accepted from this account: send the candidate's matchToken")
    }
  }
  if (input.matchToken !== undefined) {
    const content = openMatchToken(input.wasteStreamId, input.matchToken)
    if (!content)
      throw invalid('body.matchToken', 'is not the token of a candidate of this waste stream: search again')
    return content
  }
  return {
    receiverEnterpriseId: input.receiverEnterpriseId as number,
    resourceNeedId: input.resourceNeedId ?? null,
    permitId: input.permitId ?? null,
  }
}

/**
 * The candidate to save, recomputed on the server (figures are never taken from the client):
 * the stream's candidates at this receiver, the named need or permit if one is given, else the best.
 */
async function candidateFor(db: Trx, input: MatchInput, actor: MatchActor): Promise<MatchCandidate> {
  const factors = await loadMatchingFactors(db)
  const [stream] = await streamsForScoring(db, streamIs(input.wasteStreamId))
  const { viewer } = actor
  const foreign =
    viewer.kind !== 'user' || (viewer.role === 'enterprise' && stream?.enterpriseId !== viewer.enterpriseId)
  // another enterprise's stream is answered as one that does not exist
  if (!stream || foreign) throw invalid('body.wasteStreamId', 'no waste stream has this id')
  await checkAnalystRegions(db, actor, stream.enterpriseId)
  const receiver = receiverOf(input, actor)
  if (input.matchToken === undefined && !(await enterpriseExists(db, receiver.receiverEnterpriseId)))
    throw invalid('body.receiverEnterpriseId', 'no enterprise has this id')
  const rows = await candidateRows(db, {
    streams: streamIs(stream.id),
    searchKm: searchKm(MAX_RADIUS_KM, factors),
    sectorLimit: 1,
    receivers: receiverIs(receiver.receiverEnterpriseId),
  })
  const candidates = rows
    .flatMap((row) => scoreCandidate(stream, row, factors, MAX_RADIUS_KM) ?? [])
    .sort(byScore)
  const gone = () =>
    invalid('body.matchToken', 'this candidate no longer fits the waste stream: search again')
  if (candidates.length === 0) {
    if (input.matchToken !== undefined) throw gone()
    throw invalid(
      'body.receiverEnterpriseId',
      `enterprise ${receiver.receiverEnterpriseId} is not a candidate receiver for waste stream ${stream.id}: no need, valid recovery permit with capacity or sector use fits it within its limits (and a hazardous stream needs a hazardous-waste permit)`,
    )
  }
  const { resourceNeedId, permitId } = receiver
  if (resourceNeedId != null) {
    const chosen = candidates.find((c) => c.resourceNeedId === resourceNeedId)
    if (chosen) return chosen
    if (input.matchToken !== undefined) throw gone()
    throw invalid('body.resourceNeedId', `need ${resourceNeedId} of this receiver does not fit the stream`)
  }
  if (permitId != null) {
    const chosen = candidates.find((c) => c.permitId === permitId)
    if (chosen) return chosen
    if (input.matchToken !== undefined) throw gone()
    throw invalid('body.permitId', `permit ${permitId} of this receiver does not cover the stream`)
  }
  return candidates[0] as MatchCandidate
}

export function saveMatch(db: Trx, input: MatchInput, actor: MatchActor = trustedActor): Promise<SavedMatch> {
  return db.transaction().execute(async (trx) => {
    const candidate = await candidateFor(trx, input, actor)
    const receiverId = candidate.receiver.enterpriseId as number
    const open = await findOpenMatch(trx, input.wasteStreamId, receiverId)
    const duplicate = (id?: number) =>
      actor.seesSingleEnterprises
        ? conflict(
            'body.receiverEnterpriseId',
            `waste stream ${input.wasteStreamId} already has an open match with enterprise ${receiverId}${id ? ` (match ${id})` : ''}; change that one instead`,
          )
        : conflict(
            'body.matchToken',
            `waste stream ${input.wasteStreamId} already has an open match with this receiver`,
          )
    if (open) throw duplicate(open.id)
    const values = {
      waste_stream_id: candidate.wasteStreamId,
      receiver_enterprise_id: receiverId,
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
      const saved = await insertAuditedMatch(trx, values, candidate.reasons[0] ?? null)
      return actor.seesSingleEnterprises ? saved : redactSavedMatch(saved, candidate.receiver.naceCode)
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION, 'matches_open_pair_idx')) throw duplicate()
      throw error
    }
  })
}

/** A status or notes change (domain/match/write.ts), by an analyst only inside their regions. */
export async function changeSavedMatch(db: Trx, id: number, change: MatchUpdate, actor: MatchActor) {
  const row = await findMatch(db, id)
  if (!row) throw notFound(`Match ${id}`)
  await checkAnalystRegions(db, actor, row.supplier_enterprise_id)
  return changeMatch(db, id, change)
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
