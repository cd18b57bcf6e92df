import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/** What the server's thread asks the embedded database's thread (pglite-worker.ts). */
export type PgliteRequest =
  | { type: 'query'; id: number; sql: string; parameters: unknown[] }
  | { type: 'script'; id: number; script: string; after?: { sql: string; parameters: unknown[] } | undefined }
  | { type: 'close'; id: number }

/** Its answer; id 0 says the database is open (or could not be). */
export type PgliteReply =
  | { id: number; ok: true; rows: unknown[]; affectedRows?: number | undefined }
  | { id: number; ok: false; error: Record<string, unknown> }

export type PgliteResult<R> = { rows: R[]; affectedRows?: number | undefined }

/** PostgreSQL's own answer to a statement past statement_timeout, so the API maps both alike. */
function statementTimeout(limitMs: number): Error {
  return Object.assign(new Error(`canceling statement due to statement timeout (${limitMs} ms)`), {
    code: '57014',
  })
}

const errorOf = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'database error')), fields)

/**
 * Source files (tests, tsx) start the worker from its TypeScript with tsx's loader; the built
 * server (server/dist) from its JavaScript. A worker is given code, not a module, to do that.
 */
const BOOT = `const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((error) => { throw error });`

/** tsx's ESM register(), by its package's exports (require.resolve would give the CommonJS one). */
function tsxLoaderUrl(from: string): string {
  const require = createRequire(from)
  const manifest = require.resolve('tsx/package.json')
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports
  const api = exports['./esm/api']?.import.default
  if (!api) throw new Error('tsx has no ./esm/api export')
  return pathToFileURL(path.join(path.dirname(manifest), api)).href
}

type Pending = { resolve: (reply: PgliteReply) => void; reject: (error: Error) => void }

/**
 * The embedded database on its own thread (pglite-worker.ts), so that a long statement holds
 * only that thread. A request's statement that runs past `statementTimeoutMs` is answered with
 * PostgreSQL's timeout error (57014: the API's 503 TIMEOUT) and, as WebAssembly cannot be
 * interrupted, the thread is stopped and the database reopened: what the statement's transaction
 * had written is rolled back by PostgreSQL's recovery, as after a crash. Scripts (migrations)
 * have no limit.
 */
export class PgliteThread {
  private worker!: Worker
  private ready!: Promise<void>
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private closing = false

  private constructor(
    private readonly dataDir: string,
    private readonly statementTimeoutMs: number | undefined,
  ) {}

  static async open(dataDir: string, statementTimeoutMs?: number): Promise<PgliteThread> {
    const thread = new PgliteThread(dataDir, statementTimeoutMs)
    thread.ready = thread.start()
    await thread.ready
    return thread
  }

  /** A new thread on the data directory; resolves when its database is open. */
  private start(): Promise<void> {
    const here = import.meta.url
    const fromSource = here.endsWith('.ts')
    const entry = new URL(`./pglite-worker.${fromSource ? 'ts' : 'js'}`, here).href
    const tsx = fromSource ? tsxLoaderUrl(here) : undefined
    const worker = new Worker(BOOT, { eval: true, workerData: { dataDir: this.dataDir, entry, tsx } })
    this.worker = worker
    const ready = new Promise<void>((resolve, reject) => {
      this.pending.set(0, {
        resolve: (reply) => (reply.ok ? resolve() : reject(errorOf(reply.error))),
        reject,
      })
    })
    ready.catch(() => undefined) // the caller of open() or of the next request hears of it
    worker.on('message', (reply: PgliteReply) => {
      const pending = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      pending?.resolve(reply)
    })
    worker.on('error', (error) => this.failAll(worker, error))
    worker.on('exit', (code) =>
      this.failAll(worker, new Error(`the embedded database stopped (exit ${code})`)),
    )
    return ready
  }

  /** Everything still waiting on a thread that has gone is told so. */
  private failAll(worker: Worker, error: Error) {
    if (worker !== this.worker) return
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }

  private async send(request: PgliteRequest, timeoutMs?: number): Promise<PgliteReply> {
    await this.ready
    return new Promise<PgliteReply>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.pending.delete(request.id)
              reject(statementTimeout(timeoutMs))
              this.restart()
            }, timeoutMs)
      this.pending.set(request.id, {
        resolve: (reply) => {
          clearTimeout(timer)
          resolve(reply)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.worker.postMessage(request)
    })
  }

  /**
   * Stops the thread stuck in a statement, then opens the database again: never two threads on
   * one data directory. Requests meanwhile wait for the new one.
   */
  private restart() {
    const stuck = this.worker
    this.failAll(stuck, statementTimeout(this.statementTimeoutMs ?? 0))
    this.ready = stuck.terminate().then(() => this.start())
    this.ready.catch(() => undefined)
  }

  async query<R>(sql: string, parameters: unknown[]): Promise<PgliteResult<R>> {
    const reply = await this.send(
      { type: 'query', id: this.nextId++, sql, parameters },
      this.statementTimeoutMs,
    )
    if (!reply.ok) throw errorOf(reply.error)
    return { rows: reply.rows as R[], affectedRows: reply.affectedRows }
  }

  async runScript(script: string, after?: { sql: string; parameters: unknown[] }): Promise<void> {
    const reply = await this.send({ type: 'script', id: this.nextId++, script, after })
    if (!reply.ok) throw errorOf(reply.error)
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    try {
      await this.send({ type: 'close', id: this.nextId++ })
    } finally {
      await this.worker.terminate()
    }
  }
}
