import type { Kysely } from 'kysely'
import type { AuditEntity } from '../src/domain/audit/record.js'
import type { DB } from '../src/db/schema.js'

/**
 * Request bodies for the waste-stream, resource-need and permit routes, valid as they stand;
 * tests override the one field they are about. Plain objects (not the contract's input types)
 * so a test can also send what the contract refuses.
 */
export function streamBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ewcCode: '10 01 01',
    description: 'Bottom ash from the boiler house',
    physicalState: 'solid',
    quantity: 120,
    unit: 't',
    period: 'year',
    basis: 'measured',
    routeCode: 'R5',
    routeSite: 'off_site',
    surveyYear: 2024,
    ...overrides,
  }
}

export function needBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    description: 'Fly ash for blended cement',
    ewcCodes: ['10 01 02'],
    materialCategory: 'ashes_slags',
    quantityTonnesPerYear: 5000,
    maxDistanceKm: 150,
    ...overrides,
  }
}

export function permitBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    permitNumber: 'ENV-2024-001',
    operation: 'R5',
    acceptedEwc: ['10 01', '17 01 01'],
    capacityTonnesPerYear: 20000,
    hazardousAllowed: false,
    validFrom: '2024-01-01',
    validTo: '2028-12-31',
    ...overrides,
  }
}

/** The audit entries of one row, oldest first. */
export function auditEntries(db: Kysely<DB>, entity: AuditEntity, entityId: number) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after', 'user_id'])
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute()
}
