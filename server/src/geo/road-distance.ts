import { distance } from '@turf/distance'
import { point } from '@turf/helpers'

export type LonLat = readonly [number, number]

/** Great-circle distance in km between two WGS84 positions (Turf's haversine, mean Earth radius). */
export function greatCircleKm(from: LonLat, to: LonLat): number {
  return distance(point([from[0], from[1]]), point([to[0], to[1]]), { units: 'kilometers' })
}

/**
 * Road distance estimated from the straight line: great-circle km × a detour factor (1.3 by
 * default in fixtures/matching/factors.json), as road networks are rarely straight.
 */
export function roadDistanceKm(from: LonLat, to: LonLat, detourFactor: number): number {
  return greatCircleKm(from, to) * detourFactor
}
