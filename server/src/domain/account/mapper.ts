import type { User } from '../../contract/accounts.js'
import type { UserRow } from './queries.js'

/** The one mapper of an account row to its API representation. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    enterpriseId: row.enterprise_id,
    regionIds: row.region_ids,
    disabled: row.disabled,
    isDemo: row.is_demo,
    version: row.version,
  }
}
