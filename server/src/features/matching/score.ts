import type { MatchCandidate, MatchSource } from '../../contract/matching.js'
import { greatCircleKm } from '../../geo/road-distance.js'
import type { FactorValues, FitKind, MatchingFactors } from './knowledge.js'
import { sealMatchToken } from './match-token.js'
import { candidateReasons } from './reasons.js'

/**
 * Scoring of one candidate, pure: score = material fit × distance factor × quantity fit, each in
 * [0, 1], and the figures of the exchange from the factors (fixtures/matching/factors.json).
 */

export type StreamForScoring = {
  id: number
  enterpriseId: number
  enterpriseName: string
  naceCode: string
  lon: number
  lat: number
  ewcCode: string
  hazardous: boolean
  quantityTonnesPerYear: number
  routeCode: string | null
  categoryId: string
  categoryName: string
  co2AvoidedKgPerT: number
}

export type CandidateRow = {
  streamId: number
  source: MatchSource
  fit: FitKind
  resourceNeedId: number | null
  needDescription: string | null
  permitId: number | null
  permitNumber: string | null
  operation: string | null
  /** What the receiver states it takes: the need's quantity or the permit's capacity left. */
  receiverQuantityT: number | null
  maxDistanceKm: number | null
  sectorUse: string | null
  receiverId: number
  receiverName: string
  receiverNaceCode: string
  receiverNaceTitle: string
  receiverLon: number
  receiverLat: number
}

/** R12 and R13 only pass waste on to another recovery, so they fit less than a final recovery. */
export function materialFit(fit: FitKind, operation: string | null, factors: FactorValues): number {
  const base = factors[`material_fit.${fit}`]
  return operation === 'R12' || operation === 'R13' ? base * factors.intermediate_operation_factor : base
}

/** 1 at the door, ½ at `halfKm`, falling towards 0 with distance; never negative. */
export function distanceFactor(roadKm: number, halfKm: number): number {
  return 1 / (1 + Math.max(0, roadKm) / halfKm)
}

/**
 * How much of the stream the receiver can take, in [0, 1]: 1 when it takes all of it (a larger
 * receiver is no worse), the square root of the share when it takes part (taking a quarter is
 * still half as good: a real outlet for part of a stream is worth more than the share says),
 * `unknownFit` when it states nothing.
 */
export function quantityFit(streamT: number, receiverT: number | null, unknownFit: number): number {
  if (receiverT === null) return unknownFit
  if (streamT <= 0) return 1
  return Math.sqrt(Math.min(1, Math.max(0, receiverT) / streamT))
}

/** Tonnes exchanged: the whole stream unless the receiver states it takes less. */
export function exchangedTonnes(streamT: number, receiverT: number | null): number {
  return receiverT === null ? streamT : Math.min(streamT, Math.max(0, receiverT))
}

/** Disposal (D1–D15) or an unknown route: the tonnes would otherwise be landfilled or lost. */
export function divertsFromDisposal(routeCode: string | null): boolean {
  return routeCode === null || routeCode.startsWith('D')
}

export type ExchangeFigures = {
  transportCost: number
  transportCo2Kg: number
  co2AvoidedKg: number
  landfillDivertedT: number
  netCo2Kg: number
  netMoney: number
}

export function exchangeFigures(
  tonnes: number,
  roadKm: number,
  co2AvoidedKgPerT: number,
  routeCode: string | null,
  factors: MatchingFactors,
): ExchangeFigures {
  const tonneKm = tonnes * roadKm
  const transportCost = tonneKm * factors.country.transportCostPerTonneKm
  const transportCo2Kg = tonneKm * factors.values.road_co2_kg_per_tonne_km
  const co2AvoidedKg = tonnes * co2AvoidedKgPerT
  const landfillDivertedT = divertsFromDisposal(routeCode) ? tonnes : 0
  return {
    transportCost,
    transportCo2Kg,
    co2AvoidedKg,
    landfillDivertedT,
    netCo2Kg: co2AvoidedKg - transportCo2Kg,
    netMoney: landfillDivertedT * factors.country.landfillGateFeePerTonne - transportCost,
  }
}

/**
 * The candidate with its score, figures and reasons; undefined when it lies beyond the search
 * radius or beyond the receiver's own distance limit (both by road).
 */
export function scoreCandidate(
  stream: StreamForScoring,
  row: CandidateRow,
  factors: MatchingFactors,
  radiusKm: number,
): MatchCandidate | undefined {
  const from = [stream.lon, stream.lat] as const
  const to = [row.receiverLon, row.receiverLat] as const
  const straightKm = greatCircleKm(from, to)
  const roadKm = straightKm * factors.values.detour_factor
  if (roadKm > radiusKm) return undefined
  if (row.maxDistanceKm !== null && roadKm > row.maxDistanceKm) return undefined
  const parts = {
    materialFit: materialFit(row.fit, row.operation, factors.values),
    distanceFactor: distanceFactor(roadKm, factors.values.distance_half_score_km),
    quantityFit: quantityFit(
      stream.quantityTonnesPerYear,
      row.receiverQuantityT,
      factors.values.unknown_quantity_fit,
    ),
  }
  const tonnes = exchangedTonnes(stream.quantityTonnesPerYear, row.receiverQuantityT)
  const figures = exchangeFigures(tonnes, roadKm, stream.co2AvoidedKgPerT, stream.routeCode, factors)
  return {
    wasteStreamId: stream.id,
    ewcCode: stream.ewcCode,
    hazardous: stream.hazardous,
    categoryId: stream.categoryId,
    supplier: party(stream.enterpriseId, stream.enterpriseName, stream.naceCode, from),
    receiver: party(row.receiverId, row.receiverName, row.receiverNaceCode, to),
    source: row.source,
    resourceNeedId: row.resourceNeedId,
    permitId: row.permitId,
    score: parts.materialFit * parts.distanceFactor * parts.quantityFit,
    scoreParts: parts,
    greatCircleKm: straightKm,
    distanceKm: roadKm,
    quantityTonnesPerYear: tonnes,
    currency: factors.country.currency,
    ...figures,
    reasons: candidateReasons(stream, row, { straightKm, roadKm, tonnes, factors }),
    line: { type: 'LineString', coordinates: [[...from], [...to]] },
    matchToken: sealMatchToken(stream.id, {
      receiverEnterpriseId: row.receiverId,
      resourceNeedId: row.resourceNeedId,
      permitId: row.permitId,
    }),
  }
}

function party(enterpriseId: number | null, name: string, naceCode: string, at: readonly [number, number]) {
  const coordinates: [number, number] = [at[0], at[1]]
  return { enterpriseId, name, naceCode, location: { type: 'Point' as const, coordinates } }
}

/** Best first: score, then the nearer, then the lower receiver id (a stable order for equal cases). */
export function byScore(a: MatchCandidate, b: MatchCandidate): number {
  return (
    b.score - a.score ||
    a.distanceKm - b.distanceKm ||
    (a.receiver.enterpriseId ?? 0) - (b.receiver.enterpriseId ?? 0)
  )
}

/**
 * One candidate per stream and receiver: a receiver with a need and a permit is one partner,
 * shown with its best score; the other grounds are kept as extra reasons.
 */
export function bestPerReceiver(candidates: readonly MatchCandidate[]): MatchCandidate[] {
  const best = new Map<string, MatchCandidate>()
  for (const candidate of [...candidates].sort(byScore)) {
    const key = `${candidate.wasteStreamId}:${candidate.receiver.enterpriseId}`
    const kept = best.get(key)
    if (!kept) best.set(key, { ...candidate, reasons: [...candidate.reasons] })
    else if (candidate.reasons[0]) kept.reasons.push(`also: ${candidate.reasons[0]}`)
  }
  return [...best.values()]
}
