import type { PgliteThread } from './pglite-thread.js'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/**
 * Kysely dialect over the embedded PGlite database (on its own thread: pglite-thread.ts). PGlite is a single connection, so the
 * driver hands it out to one caller at a time (a queue): a Kysely transaction holds it from
 * BEGIN to COMMIT and no other query can slip in between. Written here because the published
 * PGlite dialects pin PGlite versions older than the one `@electric-sql/pglite-postgis` needs.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PgliteThread) {}
  createAdapter() {
    return new PostgresAdapter()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite)
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PgliteThread) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters])
    const affected = result.affectedRows
    return {
      rows: result.rows,
      ...(affected !== undefined && isWrite(compiled) ? { numAffectedRows: BigInt(affected) } : {}),
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // PGlite materialises results anyway; one chunk is the honest answer.
    yield await this.executeQuery<R>(compiled)
  }
}

function isWrite(compiled: CompiledQuery): boolean {
  const kind = compiled.query.kind
  return (
    kind === 'InsertQueryNode' ||
    kind === 'UpdateQueryNode' ||
    kind === 'DeleteQueryNode' ||
    kind === 'MergeQueryNode'
  )
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection
  private queue: Promise<void> = Promise.resolve()
  private release: (() => void) | undefined

  constructor(pglite: PgliteThread) {
    this.connection = new PGliteConnection(pglite)
  }

  async init() {
    // PgliteThread.open resolves once the database is open
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue
    let release!: () => void
    this.queue = new Promise<void>((resolve) => {
      release = resolve
    })
    await previous
    this.release = release
    return this.connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    await connection.executeQuery(rawQuery(`begin${isolation}`))
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(rawQuery('commit'))
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(rawQuery('rollback'))
  }
  async releaseConnection() {
    const release = this.release
    this.release = undefined
    release?.()
  }
  async destroy() {
    // The owner of the PGlite instance closes it (see database.ts), after the data-dir lock is released.
  }
}

function rawQuery(sqlText: string): CompiledQuery {
  return { sql: sqlText, parameters: [], query: { kind: 'RawNode' } } as unknown as CompiledQuery
}
