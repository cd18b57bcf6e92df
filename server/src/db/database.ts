import { Kysely, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import { lockDataDir } from './data-dir-lock.js'
import { PGliteDialect } from './pglite-dialect.js'
import { PgliteThread } from './pglite-thread.js'
import { replicaCaughtUp, routingPool } from './read-replica.js'
import type { DB } from './schema.js'

export type DatabaseKind = 'pglite' | 'postgres'

export type Database = {
  db: Kysely<DB>
  kind: DatabaseKind
  /**
   * With a read replica (DATABASE_READ_URL): whether it has caught up with the primary, for a
   * request about to read (read-replica.ts). Undefined without one.
   */
  replicaCaughtUp?: (() => Promise<boolean>) | undefined
  /** Runs a multi-statement SQL script (a migration) inside one transaction. */
  runScript: (script: string, after?: { sql: string; parameters: unknown[] }) => Promise<void>
  close: () => Promise<void>
}

export type OpenDatabaseOptions = {
  databaseUrl: string | undefined
  /** A streaming replica of `databaseUrl` that read-only requests read from (read-replica.ts). */
  databaseReadUrl?: string | undefined
  dataDir: string
  /**
   * PostgreSQL stops any statement of a request that runs longer (its `statement_timeout`), so
   * no request holds a connection and a core for minutes. Migrations run without it. PGlite runs
   * on its own thread and is given up on after the same time (pglite-thread.ts: the thread is
   * stopped and the database reopened). Undefined: no limit.
   */
  statementTimeoutMs?: number | undefined
  onProgress?: (message: string) => void
}

// Same JS types from both backends: numeric and bigint count as numbers (tonnes, ids and counts
// in this domain stay far below 2^53), timestamps as Date.
const NUMERIC_OID = 1700
const INT8_OID = 20

/** Opens PostgreSQL when a URL is given, else the embedded PGlite + PostGIS in `dataDir`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.statementTimeoutMs, options.databaseReadUrl)
    : openPglite(options)
}

function openPostgres(
  databaseUrl: string,
  statementTimeoutMs: number | undefined,
  databaseReadUrl: string | undefined,
): Database {
  const parsers: Record<number, (value: string) => unknown> = {
    [NUMERIC_OID]: Number.parseFloat,
    [INT8_OID]: Number,
  }
  const poolOf = (connectionString: string) =>
    new pg.Pool({
      connectionString,
      max: 10,
      // JIT compilation cost half a second on every low-zoom tile and regional total (the planner
      // overestimates their CTEs), for queries that run in tens of milliseconds without it.
      options: `-c jit=off${statementTimeoutMs ? ` -c statement_timeout=${Math.round(statementTimeoutMs)}` : ''}`,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    })
  const pool = poolOf(databaseUrl)
  const replica = databaseReadUrl ? poolOf(databaseReadUrl) : undefined
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: replica ? routingPool(pool, replica) : pool }),
  })
  return {
    db,
    kind: 'postgres',
    replicaCaughtUp: replica && (() => replicaCaughtUp(pool, replica)),
    async runScript(script, after) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        // a migration may rewrite every row of a national survey: no request's time limit
        await client.query('set local statement_timeout = 0')
        await client.query(script) // no parameters: the simple protocol runs every statement
        if (after) await client.query(after.sql, after.parameters)
        await client.query('commit')
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(), // ends both pools
  }
}

async function openPglite({
  dataDir,
  onProgress,
  statementTimeoutMs,
}: OpenDatabaseOptions): Promise<Database> {
  const unlock = lockDataDir(dataDir)
  try {
    onProgress?.(
      `Opening the embedded database in ${dataDir} (PGlite + PostGIS; the first start takes 10–20 s)…`,
    )
    // relaxedDurability: PGlite does not fsync anyway; see README "When to move to PostgreSQL".
    const pglite = await PgliteThread.open(dataDir, statementTimeoutMs)
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
    return {
      db,
      kind: 'pglite',
      runScript: (script, after) => pglite.runScript(script, after),
      async close() {
        try {
          await db.destroy()
          await pglite.close()
        } finally {
          unlock()
        }
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}

/**
 * What a query function takes first (kysely's example app): the database or a transaction, so
 * the same function serves a route, a transaction and a script.
 */
export type Db = Kysely<DB> | Transaction<DB>
