import {
  allowedTransitions,
  type ExchangeImpact,
  matchStatuses,
  type SavedMatch,
} from '../../contract/match-workflow.js'
import type { HistoryRow, ImpactRow, MatchRow } from './queries.js'

/** The one mapper of a saved match (with its status history) to its API representation. */
export function toSavedMatch(row: MatchRow, history: HistoryRow[]): SavedMatch {
  return {
    id: row.id,
    wasteStreamId: row.waste_stream_id,
    ewcCode: row.ewc_code,
    supplierEnterpriseId: row.supplier_enterprise_id,
    supplierName: row.supplier_name,
    receiverEnterpriseId: row.receiver_enterprise_id,
    receiverName: row.receiver_name,
    resourceNeedId: row.resource_need_id,
    permitId: row.permit_id,
    source: row.source,
    score: row.score,
    distanceKm: row.distance_km,
    quantityTonnesPerYear: row.quantity_t_per_year,
    transportCost: row.transport_cost,
    transportCo2Kg: row.transport_co2_kg,
    co2AvoidedKg: row.co2_avoided_kg,
    landfillDivertedT: row.landfill_diverted_t,
    status: row.status,
    statusChangedAt: row.status_changed_at.toISOString(),
    nextStatuses: [...allowedTransitions[row.status]],
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    history: history.map((h) => ({ status: h.status, changedAt: h.changed_at.toISOString(), note: h.note })),
  }
}

function totals(rows: ImpactRow[]) {
  const sum = (pick: (row: ImpactRow) => number) => rows.reduce((total, row) => total + pick(row), 0)
  const co2AvoidedKg = sum((r) => r.co2_avoided_kg)
  const transportCo2Kg = sum((r) => r.transport_co2_kg)
  return {
    matches: sum((r) => r.matches),
    quantityTonnesPerYear: sum((r) => r.quantity_t),
    landfillDivertedT: sum((r) => r.landfill_t),
    co2AvoidedKg,
    transportCo2Kg,
    netCo2Kg: co2AvoidedKg - transportCo2Kg,
  }
}

export function toImpact(region: { id: number; name: string }, rows: ImpactRow[]): ExchangeImpact {
  return {
    regionId: region.id,
    regionName: region.name,
    realised: totals(rows.filter((row) => row.status === 'realised')),
    byStatus: matchStatuses.map((status) => ({
      status,
      ...totals(rows.filter((row) => row.status === status)),
    })),
  }
}
