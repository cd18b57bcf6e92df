import type { SavedMatch } from '../../contract/match-workflow.js'
import type { MatchCandidate } from '../../contract/matching.js'
import type { CandidateRow } from './score.js'

/**
 * What a viewer who may not see single enterprises (the request's Disclosure: the public, an
 * enterprise user) gets of the other side of a match (issues 7 and 13, docs/matching.md): the
 * receiver by its NACE class on a 5 km grid, never its id, name, exact site, need or permit
 * texts. The grid position replaces the true one *before* scoring, so every distance, score,
 * cost, CO2 figure, line and radius or limit test is a function of the grid cell: no answer, nor
 * any sequence of answers with other radii or from other supplier sites, says more than the cell.
 */

/** A grid of 0.05° (about 5 km): where a receiver is, roughly, without its gate. */
export const GENERALISE_DEGREES = 0.05
const snap = (value: number) =>
  Number((Math.round(value / GENERALISE_DEGREES) * GENERALISE_DEGREES).toFixed(2))

/**
 * Great-circle km from a point to its grid cell's centre, at most: half the cell's diagonal at the
 * equator (0.025° × √2 × 111.32 km = 3.94 km). The SQL search is widened by it, so no receiver
 * whose cell centre is within the radius is lost to the exact prefilter.
 */
export const GENERALISE_PAD_KM = 4

/** The grid cell's centre of a position. */
export function generalisePosition([lon, lat]: readonly [number, number]): [number, number] {
  return [snap(lon), snap(lat)]
}

/** A candidate row as the scoring should see it for such a viewer: the cell, no free texts. */
export function generaliseRow(row: CandidateRow): CandidateRow {
  const [receiverLon, receiverLat] = generalisePosition([row.receiverLon, row.receiverLat])
  return { ...row, receiverLon, receiverLat, needDescription: null, permitNumber: null }
}

const anonymousName = (naceCode: string) => `An enterprise in NACE ${naceCode}`
const tenth = (km: number) => Math.round(km * 10) / 10

/**
 * A candidate scored from a generalised row, without the receiver's ids (its `matchToken` stands
 * for them) and with distances to 0.1 km.
 */
export function redactCandidate(candidate: MatchCandidate): MatchCandidate {
  return {
    ...candidate,
    receiver: { ...candidate.receiver, enterpriseId: null, name: anonymousName(candidate.receiver.naceCode) },
    resourceNeedId: null,
    permitId: null,
    greatCircleKm: tenth(candidate.greatCircleKm),
    distanceKm: tenth(candidate.distanceKm),
  }
}

/**
 * A saved match as such a viewer (an enterprise that proposed it) gets it: no receiver id, name,
 * need or permit, and none of the figures computed from the true distance (distance, transport
 * cost and CO2: each would give the exact distance from the viewer's own site), the score to one
 * decimal (with the score parts the viewer knows it would too), no history notes (the first is the
 * engine's reason, which quotes the receiver's need).
 */
export function redactSavedMatch(match: SavedMatch, receiverNaceCode: string): SavedMatch {
  return {
    ...match,
    receiverEnterpriseId: null,
    receiverName: anonymousName(receiverNaceCode),
    resourceNeedId: null,
    permitId: null,
    score: Math.round(match.score * 10) / 10,
    distanceKm: null,
    transportCost: null,
    transportCo2Kg: null,
    history: match.history.map((entry) => ({ ...entry, note: null })),
  }
}
