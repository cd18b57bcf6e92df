import type { RegionFeature } from '../../contract/regions.js'
import type { RegionRow } from './queries.js'

/** The one mapper from a region row to its API representation (a GeoJSON Feature). */
export function toRegionFeature(row: RegionRow): RegionFeature {
  return {
    type: 'Feature',
    id: row.id,
    geometry: row.geometry,
    properties: {
      id: row.id,
      name: row.name,
      level: row.level,
      code: row.code,
      parentId: row.parent_id,
      isDemo: row.is_demo,
      enterpriseCount: Number(row.enterprise_count ?? 0),
      boundarySetId: row.boundary_set_id,
      boundarySetName: row.boundary_set_name,
      version: row.version,
    },
  }
}
