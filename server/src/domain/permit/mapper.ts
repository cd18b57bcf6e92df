import type { Permit, PermitInput, PermitListItem } from '../../contract/permits.js'
import type { ChildColumns } from '../enterprise-child.js'
import type { PermitRow } from './queries.js'

/** The one mapper of a permit: row → API. */
export function toPermit(row: PermitRow): Permit {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    permitNumber: row.permit_number,
    operation: row.operation,
    acceptedEwc: row.accepted_ewc,
    capacityTonnesPerYear: row.capacity_t_per_year,
    hazardousAllowed: row.hazardous_allowed,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  }
}

export function toPermitListItem(row: PermitRow): PermitListItem {
  return { ...toPermit(row), enterpriseName: row.enterprise_name }
}

export function toPermitColumns(input: PermitInput): ChildColumns<'permits'> {
  return {
    permit_number: input.permitNumber ?? null,
    operation: input.operation,
    // the same code in two spellings is one code
    accepted_ewc: [...new Set(input.acceptedEwc)],
    capacity_t_per_year: input.capacityTonnesPerYear ?? null,
    hazardous_allowed: input.hazardousAllowed,
    valid_from: input.validFrom ?? null,
    valid_to: input.validTo ?? null,
  }
}
