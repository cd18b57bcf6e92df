import { z } from 'zod'
import type { FactorUsed } from '../../contract/matching.js'
import type { Db } from '../../db/database.js'
import { selectMatchingFactorRows } from './knowledge-queries.js'

/** The factor names the engine needs from matching_factors (fixtures/matching/factors.json). */
const factorValues = z.object({
  road_co2_kg_per_tonne_km: z.number().nonnegative(),
  detour_factor: z.number().min(1),
  distance_half_score_km: z.number().positive(),
  unknown_quantity_fit: z.number().min(0).max(1),
  'material_fit.need_exact': z.number().min(0).max(1),
  'material_fit.need_subchapter': z.number().min(0).max(1),
  'material_fit.need_chapter': z.number().min(0).max(1),
  'material_fit.need_category': z.number().min(0).max(1),
  'material_fit.permit_exact': z.number().min(0).max(1),
  'material_fit.permit_subchapter': z.number().min(0).max(1),
  'material_fit.permit_chapter': z.number().min(0).max(1),
  'material_fit.sector': z.number().min(0).max(1),
  intermediate_operation_factor: z.number().min(0).max(1),
})
export type FactorValues = z.infer<typeof factorValues>
export type FitKind =
  | 'need_exact'
  | 'need_subchapter'
  | 'need_chapter'
  | 'need_category'
  | 'permit_exact'
  | 'permit_subchapter'
  | 'permit_chapter'
  | 'sector'

export type CountryCosts = {
  country: string
  currency: string
  transportCostPerTonneKm: number
  landfillGateFeePerTonne: number
  source: string
}

export type MatchingFactors = { values: FactorValues; country: CountryCosts; used: FactorUsed[] }

/**
 * The factors as loaded by the seed, checked: a missing or out-of-range factor is a broken
 * knowledge base and fails loudly rather than scoring with a guess.
 */
export async function loadMatchingFactors(db: Db): Promise<MatchingFactors> {
  const [rows, country] = await selectMatchingFactorRows(db)
  if (!country) throw new Error('matching_country_costs has no default country: run the seed')
  const values = factorValues.parse(Object.fromEntries(rows.map((row) => [row.name, Number(row.value)])))
  const costs: CountryCosts = {
    country: country.country,
    currency: country.currency,
    transportCostPerTonneKm: Number(country.transport_cost_per_tonne_km),
    landfillGateFeePerTonne: Number(country.landfill_gate_fee_per_tonne),
    source: country.source,
  }
  const used: FactorUsed[] = [
    ...rows.map((row) => ({ name: row.name, value: Number(row.value), unit: row.unit, source: row.source })),
    {
      name: `transport_cost_per_tonne_km.${costs.country}`,
      value: costs.transportCostPerTonneKm,
      unit: `${costs.currency} / t·km`,
      source: costs.source,
    },
    {
      name: `landfill_gate_fee_per_tonne.${costs.country}`,
      value: costs.landfillGateFeePerTonne,
      unit: `${costs.currency} / t`,
      source: costs.source,
    },
  ]
  return { values, country: costs, used }
}
