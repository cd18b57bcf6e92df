import type { Disclosure } from '../../contract/disclosure.js'
import type { StreamMatches } from '../../contract/matching.js'

/** A grid of 0.05° (about 5 km): where a receiver is, roughly, without its gate. */
const SNAP_DEGREES = 0.05
const snap = (value: number) => Math.round(value / SNAP_DEGREES) * SNAP_DEGREES

/**
 * An enterprise user sees the other side of an offer by sector, material, quantity and distance
 * only, not by name or exact site, until both sides agree to a match (issue 7): the receiver is
 * named by its NACE class and placed on a 5 km grid. Whoever sees single enterprises (staff, by
 * the request's one Disclosure) sees everything.
 */
export function anonymiseFor(disclosure: Disclosure, result: StreamMatches): StreamMatches {
  if (disclosure.seesSmallCells) return result
  return {
    ...result,
    candidates: result.candidates.map((candidate) => {
      const [lon, lat] = candidate.receiver.location.coordinates
      return {
        ...candidate,
        receiver: {
          ...candidate.receiver,
          name: `An enterprise in NACE ${candidate.receiver.naceCode}`,
          location: { type: 'Point', coordinates: [snap(lon), snap(lat)] },
        },
      }
    }),
  }
}
