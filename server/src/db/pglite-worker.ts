import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { parentPort, workerData } from 'node:worker_threads'
import type { PgliteReply, PgliteRequest } from './pglite-thread.js'

/**
 * The embedded database's own thread (issue 13): PGlite runs PostgreSQL compiled to WebAssembly,
 * synchronously, so a statement of several seconds on the server's thread stopped every other
 * request, `/api/health` included, and could not be interrupted. Here it blocks only this thread;
 * the server's thread stays free and can give up on a statement (pglite-thread.ts).
 */

// Same JS types as the PostgreSQL pool (database.ts): numeric and bigint as numbers.
const NUMERIC_OID = 1700
const INT8_OID = 20

const port = parentPort
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-thread.ts)')
const { dataDir } = workerData as { dataDir: string }

const pglite = new PGlite(dataDir, {
  extensions: { postgis },
  parsers: { [NUMERIC_OID]: Number.parseFloat, [INT8_OID]: Number },
})

/** An error as plain fields: the server reads `code`, `constraint`, `detail` (db/errors.ts). */
function fieldsOf(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) }
  const fields: Record<string, unknown> = { message: error.message }
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value
  }
  return fields
}

async function answer(request: PgliteRequest): Promise<PgliteReply> {
  switch (request.type) {
    case 'query': {
      const result = await pglite.query(request.sql, request.parameters)
      return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows }
    }
    case 'script': {
      const { script, after } = request
      await pglite.transaction(async (tx) => {
        await tx.exec(script)
        if (after) await tx.query(after.sql, after.parameters)
      })
      return { id: request.id, ok: true, rows: [] }
    }
    case 'close':
      await pglite.close()
      return { id: request.id, ok: true, rows: [] }
  }
}

pglite.waitReady.then(
  () => {
    port.postMessage({ id: 0, ok: true, rows: [] } satisfies PgliteReply)
    port.on('message', (request: PgliteRequest) => {
      answer(request).then(
        (reply) => port.postMessage(reply),
        (error: unknown) =>
          port.postMessage({ id: request.id, ok: false, error: fieldsOf(error) } satisfies PgliteReply),
      )
    })
  },
  (error: unknown) => port.postMessage({ id: 0, ok: false, error: fieldsOf(error) } satisfies PgliteReply),
)
