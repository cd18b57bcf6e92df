import type { Kysely } from 'kysely'
import type { DB, NewPermit, NewResourceNeed } from '../src/db/schema.js'

/**
 * Request bodies and child rows for the enterprise tests. Bodies are plain JSON as a client
 * would send it (before zod), so tests can also break them on purpose.
 */
let nextNationalId = 0
export function uniqueNationalId(): string {
  nextNationalId += 1
  return `T-${process.pid}-${Date.now()}-${nextNationalId}`
}

export type EnterpriseBody = {
  name: string
  nationalId?: string | null
  naceCode: string
  sizeClass?: 'micro' | 'small' | 'medium' | 'large' | null
  employees?: number | null
  address?: string | null
  location: { type: 'Point'; coordinates: number[] }
  contactName?: string | null
  contactEmail?: string | null
  contactPhone?: string | null
}

export function enterpriseBody(
  at: { lon: number; lat: number },
  overrides: Partial<EnterpriseBody> = {},
): EnterpriseBody {
  return {
    name: 'Test Cement Works',
    nationalId: uniqueNationalId(),
    naceCode: '23.51',
    sizeClass: 'large',
    employees: 250,
    address: '1 Kiln Road',
    location: { type: 'Point', coordinates: [at.lon, at.lat] },
    contactName: 'A. Analyst',
    contactEmail: 'analyst@example.org',
    contactPhone: '+994 12 000 00 00',
    ...overrides,
  }
}

export async function newResourceNeed(
  db: Kysely<DB>,
  enterpriseId: number,
  overrides: Partial<Omit<NewResourceNeed, 'enterprise_id'>> = {},
) {
  return db
    .insertInto('resource_needs')
    .values({ enterprise_id: enterpriseId, ewc_codes: ['1001'], quantity_t_per_year: 500, ...overrides })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function newPermit(
  db: Kysely<DB>,
  enterpriseId: number,
  overrides: Partial<Omit<NewPermit, 'enterprise_id'>> = {},
) {
  return db
    .insertInto('permits')
    .values({
      enterprise_id: enterpriseId,
      operation: 'R5',
      accepted_ewc: ['10'],
      capacity_t_per_year: 10_000,
      valid_from: '2024-01-01',
      valid_to: '2028-12-31',
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}
