import type { MatchCandidate, OpportunityQuery, RegionOpportunities } from '../../contract/matching.js'
import { notFound } from '../../plugins/error-handler.js'
import { findRegionName, inRegion } from '../../domain/match/queries.js'
import { candidateRows, openStreamsInRegion, streamsForScoring } from './candidate-queries.js'
import { loadMatchingFactors } from './knowledge.js'
import { scoreAll, searchKm } from './service.js'
import type { Db } from '../../db/database.js'

/** Sector receivers kept per stream in the region run: enough to find each stream's best one. */
const SECTOR_PER_STREAM = 3

/**
 * The circular-economy opportunity map of a region (GET /api/regions/:id/opportunities): for each
 * stream of the region's enterprises that is offered as a by-product or not recovered today
 * (latest survey year), its best receiver among the region's enterprises; ranked by net benefit
 * (CO2 avoided − transport CO2, or landfill fees saved − transport cost). Set-based: one
 * candidate query for the whole region, not one per stream.
 */
export async function regionOpportunities(
  db: Db,
  regionId: number,
  query: OpportunityQuery,
): Promise<RegionOpportunities> {
  const region = await findRegionName(db, regionId)
  if (!region) throw notFound(`Region ${regionId}`)
  const factors = await loadMatchingFactors(db)
  const streams = openStreamsInRegion(regionId)
  const [candidates, rows] = await Promise.all([
    streamsForScoring(db, streams),
    candidateRows(db, {
      streams,
      searchKm: searchKm(query.radiusKm, factors),
      sectorLimit: SECTOR_PER_STREAM,
      receivers: inRegion('r', regionId),
    }),
  ])
  const best = new Map<number, MatchCandidate>()
  for (const candidate of scoreAll(candidates, rows, factors, query.radiusKm)) {
    if (!best.has(candidate.wasteStreamId)) best.set(candidate.wasteStreamId, candidate)
  }
  const benefit = (c: MatchCandidate) => (query.rankBy === 'money' ? c.netMoney : c.netCo2Kg)
  const ranked = [...best.values()]
    .filter((c) => benefit(c) > 0)
    .sort((a, b) => benefit(b) - benefit(a) || b.score - a.score)
  const top = ranked.slice(0, query.limit)
  const sum = (pick: (c: MatchCandidate) => number) => ranked.reduce((total, c) => total + pick(c), 0)
  return {
    regionId: region.id,
    regionName: region.name,
    rankBy: query.rankBy,
    currency: factors.country.currency,
    streamsConsidered: candidates.length,
    totals: {
      exchanges: ranked.length,
      quantityTonnesPerYear: sum((c) => c.quantityTonnesPerYear),
      co2AvoidedKg: sum((c) => c.co2AvoidedKg),
      transportCo2Kg: sum((c) => c.transportCo2Kg),
      netCo2Kg: sum((c) => c.netCo2Kg),
      landfillDivertedT: sum((c) => c.landfillDivertedT),
      netMoney: sum((c) => c.netMoney),
    },
    opportunities: top,
    lines: {
      type: 'FeatureCollection',
      features: top.map((c, index) => ({
        type: 'Feature',
        geometry: c.line,
        properties: {
          rank: index + 1,
          wasteStreamId: c.wasteStreamId,
          receiverEnterpriseId: c.receiver.enterpriseId,
          categoryId: c.categoryId,
          quantityTonnesPerYear: c.quantityTonnesPerYear,
          netCo2Kg: c.netCo2Kg,
          netMoney: c.netMoney,
        },
      })),
    },
  }
}
