import type { ResourceNeed, ResourceNeedInput, ResourceNeedListItem } from '../../contract/resource-needs.js'
import type { ChildColumns } from '../enterprise-child.js'
import type { ResourceNeedRow } from './queries.js'

/** The one mapper of a need: row → API. Numeric columns arrive as numbers (db/database.ts). */
export function toResourceNeed(row: ResourceNeedRow): ResourceNeed {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    description: row.description,
    ewcCodes: row.ewc_codes,
    materialCategory: row.material_category,
    quantityTonnesPerYear: row.quantity_t_per_year,
    maxDistanceKm: row.max_distance_km,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  }
}

export function toResourceNeedListItem(row: ResourceNeedRow): ResourceNeedListItem {
  return { ...toResourceNeed(row), enterpriseName: row.enterprise_name }
}

export function toResourceNeedColumns(input: ResourceNeedInput): ChildColumns<'resource_needs'> {
  return {
    description: input.description ?? null,
    // the same code in two spellings is one code
    ewc_codes: [...new Set(input.ewcCodes)],
    material_category: input.materialCategory ?? null,
    quantity_t_per_year: input.quantityTonnesPerYear ?? null,
    max_distance_km: input.maxDistanceKm ?? null,
  }
}
