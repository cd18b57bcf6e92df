import type { Enterprise } from '../../contract/enterprises.js'
import { toPermit } from '../permit/mapper.js'
import type { PermitRow } from '../permit/queries.js'
import { toResourceNeed } from '../resource-need/mapper.js'
import type { ResourceNeedRow } from '../resource-need/queries.js'
import { toWasteStream } from '../waste-stream/mapper.js'
import type { WasteStreamRow } from '../waste-stream/queries.js'
import type { EnterpriseRow } from './queries.js'

export type EnterpriseParts = {
  enterprise: EnterpriseRow
  wasteStreams: WasteStreamRow[]
  resourceNeeds: ResourceNeedRow[]
  permits: PermitRow[]
}

/** The one mapper of an enterprise: its row and its children's rows → API, children by their own mappers. */
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
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    wasteStreams: wasteStreams.map(toWasteStream),
    resourceNeeds: resourceNeeds.map(toResourceNeed),
    permits: permits.map(toPermit),
  }
}
