import type { Transaction } from 'kysely'
import type { WasteStream } from '../../contract/waste-streams.js'
import type { DB } from '../../db/schema.js'
import { type ChildColumns, updateChildColumnsIn } from '../enterprise-child.js'
import { wasteStreamChild } from './child.js'

/**
 * Changes some columns of a stored stream inside the caller's transaction (an import), through
 * the same locked, versioned and audited update as every other change of a stream.
 */
export function updateWasteStreamIn(
  trx: Transaction<DB>,
  enterpriseId: number,
  id: number,
  version: number,
  columns: Partial<ChildColumns<'waste_streams'>>,
): Promise<WasteStream> {
  return updateChildColumnsIn(trx, wasteStreamChild, enterpriseId, id, version, columns)
}
