import { sql, type Transaction } from 'kysely'
import type { WasteStream } from '../../contract/waste-streams.js'
import type { DB } from '../../db/schema.js'
import { notFound } from '../../plugins/error-handler.js'
import type { ChildColumns } from '../enterprise-child.js'
import { staleVersion, versionedWriteIn } from '../versioned-write.js'
import { toWasteStream } from './mapper.js'
import { selectWasteStreams } from './queries.js'

/**
 * Changes some columns of a stored stream inside the caller's transaction (an import): locked,
 * version compared and bumped, before and after audited, like every other update of a stream.
 */
export function updateWasteStreamIn(
  trx: Transaction<DB>,
  id: number,
  version: number,
  columns: Partial<ChildColumns<'waste_streams'>>,
): Promise<WasteStream> {
  const read = async (db: Transaction<DB>, lock: boolean) => {
    const query = selectWasteStreams(db).where('w.id', '=', id)
    const row = await (lock ? query.modifyEnd(sql`for update of ${sql.id('w')}`) : query).executeTakeFirst()
    if (!row) throw notFound(`Waste stream ${id}`)
    return toWasteStream(row)
  }
  const record = { entity: 'waste_stream' as const, label: 'Waste stream', id, read }
  return versionedWriteIn(trx, record, version, async (inner, before) => {
    const updated = await inner
      .updateTable('waste_streams')
      .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: sql`now()` }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst()
    if (!updated) throw staleVersion(`Waste stream ${id}`, version, before.version)
  })
}
