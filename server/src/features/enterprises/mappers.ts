import type { EnterpriseFeature } from '../../contract/enterprises.js'
import type { EnterpriseSummaryRow } from './queries.js'

export function toEnterpriseFeature(row: EnterpriseSummaryRow): EnterpriseFeature {
  return {
    type: 'Feature',
    id: row.id,
    geometry: row.geometry,
    properties: {
      id: row.id,
      name: row.name,
      naceCode: row.nace_code,
      naceSection: row.nace_section,
      sizeClass: row.size_class,
      regionId: row.region_id,
      regionName: row.region_name,
      isDemo: row.is_demo,
      surveyYear: row.survey_year === null ? null : Number(row.survey_year),
      wasteStreamCount: Number(row.waste_stream_count),
      totalTonnesPerYear: Number(row.total_t),
      hazardousTonnesPerYear: Number(row.hazardous_t),
    },
  }
}
