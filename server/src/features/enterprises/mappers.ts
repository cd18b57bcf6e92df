import type { Enterprise, EnterpriseFeature } from '../../contract/enterprises.js'
import type { Permit } from '../../contract/permits.js'
import type { ResourceNeed } from '../../contract/resource-needs.js'
import type { WasteStream } from '../../contract/waste-streams.js'
import type {
  EnterpriseRow,
  EnterpriseSummaryRow,
  PermitRow,
  ResourceNeedRow,
  WasteStreamRow,
} from './queries.js'

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
      wasteStreamCount: Number(row.waste_stream_count),
      totalTonnesPerYear: Number(row.total_t),
      hazardousTonnesPerYear: Number(row.hazardous_t),
    },
  }
}

const iso = (date: Date) => new Date(date).toISOString()
const numberOrNull = (value: number | null) => (value === null ? null : Number(value))

export function toWasteStream(row: WasteStreamRow): WasteStream {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    ewcCode: row.ewc_code,
    ewcDescription: row.ewc_description,
    hazardous: row.hazardous,
    description: row.description,
    physicalState: row.physical_state,
    quantity: Number(row.quantity),
    unit: row.unit,
    period: row.period,
    densityTPerM3: numberOrNull(row.density_t_per_m3),
    batchesPerYear: numberOrNull(row.batches_per_year),
    quantityTonnesPerYear: Number(row.quantity_t_per_year),
    frequency: row.frequency,
    basis: row.basis,
    routeCode: row.route_code,
    routeSite: row.route_site,
    receiverName: row.receiver_name,
    receiverEnterpriseId: row.receiver_enterprise_id,
    costPerYear: numberOrNull(row.cost_per_year),
    costCurrency: row.cost_currency,
    surveyYear: row.survey_year,
    offeredAsByproduct: row.offered_as_byproduct,
    version: row.version,
    updatedAt: iso(row.updated_at),
  }
}

export function toResourceNeed(row: ResourceNeedRow): ResourceNeed {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    description: row.description,
    ewcCodes: row.ewc_codes,
    materialCategory: row.material_category,
    quantityTonnesPerYear: numberOrNull(row.quantity_t_per_year),
    maxDistanceKm: numberOrNull(row.max_distance_km),
    version: row.version,
    updatedAt: iso(row.updated_at),
  }
}

export function toPermit(row: PermitRow): Permit {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    permitNumber: row.permit_number,
    operation: row.operation,
    acceptedEwc: row.accepted_ewc,
    capacityTonnesPerYear: numberOrNull(row.capacity_t_per_year),
    hazardousAllowed: row.hazardous_allowed,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
    updatedAt: iso(row.updated_at),
  }
}

export type EnterpriseParts = {
  enterprise: EnterpriseRow
  wasteStreams: WasteStreamRow[]
  resourceNeeds: ResourceNeedRow[]
  permits: PermitRow[]
}

export function toEnterprise({
  enterprise: row,
  wasteStreams,
  resourceNeeds,
  permits,
}: EnterpriseParts): Enterprise {
  return {
    id: row.id,
    name: row.name,
    nationalId: row.national_id,
    naceCode: row.nace_code,
    naceTitle: row.nace_title,
    sizeClass: row.size_class,
    employees: row.employees,
    address: row.address,
    location: row.location,
    regionId: row.region_id,
    regionName: row.region_name,
    // the trigger derives region_id from the point, so null means no region contains it
    outsideEveryRegion: row.region_id === null,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    isDemo: row.is_demo,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    wasteStreams: wasteStreams.map(toWasteStream),
    resourceNeeds: resourceNeeds.map(toResourceNeed),
    permits: permits.map(toPermit),
  }
}
