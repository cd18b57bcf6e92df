import { AsyncLocalStorage } from 'node:async_hooks'
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import type pg from 'pg'

/**
 * Reads on a streaming replica (issue 14, DATABASE_READ_URL). A request that only reads (GET,
 * HEAD) runs its reads on the replica once the replica has replayed everything the primary had
 * written when the request began, so it sees every write committed before it, its own included.
 * Writes, transactions and anything that might write go to the primary. The decision is made per
 * request (`routeReads` in app.ts) and read here per statement, so routes and services are the
 * same with or without a replica.
 */
export const readRouting = new AsyncLocalStorage<{ replica: boolean }>()

/** How long a read request waits for the replica to catch up before it reads the primary. */
export const REPLICA_WAIT_MS = 500

/** Statements that read only: SELECT / WITH … SELECT with no write, lock or sequence in them. */
export function isReadOnlyStatement(text: string): boolean {
  return (
    /^\s*(select|with|values|table|show)\b/i.test(text) &&
    !/\b(insert|update|delete|merge|truncate|nextval|setval|lock|share|pg_advisory\w*|set_config)\b/i.test(
      text,
    )
  )
}

type Client = pg.PoolClient

/**
 * The pool Kysely's PostgresDialect is given: each client it hands out sends a statement to the
 * replica when the request chose it and the statement only reads outside a transaction, else to
 * the primary. Clients of both pools are taken lazily and released together.
 */
export function routingPool(primary: pg.Pool, replica: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const useReplica = readRouting.getStore()?.replica ?? false
      let primaryClient: Client | undefined
      let replicaClient: Client | undefined
      let inTransaction = false
      async function query<R>(text: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        if (/^\s*(begin|start\s+transaction)\b/i.test(text)) inTransaction = true
        const toReplica = useReplica && !inTransaction && isReadOnlyStatement(text)
        const client = toReplica
          ? (replicaClient ??= await replica.connect())
          : (primaryClient ??= await primary.connect())
        try {
          const result = await client.query(text, [...parameters])
          return {
            command: result.command as PostgresQueryResult<R>['command'],
            rowCount: result.rowCount ?? 0,
            rows: result.rows as R[],
          }
        } finally {
          if (/^\s*(commit|rollback|end)\b/i.test(text)) inTransaction = false
        }
      }
      return {
        query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) => {
          // Kysely streams (.stream()) through a cursor; Loopmap does not, so it is not routed
          if (typeof textOrCursor !== 'string') throw new Error('cursor queries are not routed')
          return query(textOrCursor, parameters ?? [])
        }) as PostgresPoolClient['query'],
        release() {
          primaryClient?.release()
          replicaClient?.release()
        },
      }
    },
    async end() {
      await Promise.all([primary.end(), replica.end()])
    },
  }
}

/**
 * Whether the replica has replayed the primary's WAL up to where it is now (every commit so far),
 * waiting up to `waitMs`. A replica that cannot be reached counts as behind: the primary answers.
 */
export async function replicaCaughtUp(primary: pg.Pool, replica: pg.Pool, waitMs = REPLICA_WAIT_MS) {
  try {
    const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')
    const lsn = rows[0]?.lsn
    const deadline = Date.now() + waitMs
    for (;;) {
      const replayed = await replica.query<{ ok: boolean | null }>(
        'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
        [lsn],
      )
      if (replayed.rows[0]?.ok) return true
      if (Date.now() >= deadline) return false
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } catch {
    return false
  }
}
