import { type Kysely, sql } from 'kysely'
import type { DB } from '../../server/src/db/schema.js'
import type {
  SyntheticEnterpriseRows,
  SyntheticPermit,
  SyntheticResourceNeed,
  SyntheticWasteStream,
} from './generate.js'

/** Writes one chunk of rows of a table, inside the transaction it was handed out by. */
export type BatchWriter = {
  /** `count` new enterprise ids, ascending. */
  enterpriseIds: (count: number) => Promise<number[]>
  /** `ids[i]` is the id of `rows[i]`. */
  enterprises: (rows: readonly SyntheticEnterpriseRows[], ids: readonly number[]) => Promise<void>
  /** The children's `enterprise` (a generation index) is looked up in `ids`. */
  wasteStreams: (rows: readonly SyntheticWasteStream[], ids: Int32Array) => Promise<void>
  permits: (rows: readonly SyntheticPermit[], ids: Int32Array) => Promise<void>
  resourceNeeds: (rows: readonly SyntheticResourceNeed[], ids: Int32Array) => Promise<void>
}

/** COPY on PostgreSQL, multi-row INSERTs elsewhere; each transaction commits on return. */
export type LoadBackend = {
  transaction: <T>(work: (writer: BatchWriter) => Promise<T>) => Promise<T>
  close: () => Promise<void>
}

/**
 * Enterprise ids are drawn from the table's own identity sequence before the rows are written,
 * so the streams of a chunk can carry their enterprise's id without a RETURNING (COPY has none),
 * and the app's next enterprise gets the next id as it would after any insert.
 */
export const nextEnterpriseIdsSql = `
  select nextval(pg_get_serial_sequence('enterprises', 'id'))::int as id
    from generate_series(1, $1::int) order by 1`

export async function nextEnterpriseIds(db: Kysely<DB>, count: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('enterprises', 'id'))::int as id
      from generate_series(1, ${count}::int) order by 1`.execute(db)
  return result.rows.map((row) => row.id)
}

export function enterpriseId(ids: Int32Array, index: number): number {
  const id = ids[index]
  if (id === undefined || id === 0) throw new Error(`no enterprise loaded at index ${index}`)
  return id
}
