import { createReadStream, type ReadStream } from 'node:fs'
import { type FileHandle, open, rm } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { HttpError } from '../../plugins/error-handler.js'
import { formatBytes, tooLarge } from './readers.js'

/**
 * Issue 13, "a slow upload holds a database connection": the import used to parse the upload as
 * it arrived inside its transaction, so a client trickling one row every 0.5 s held a pooled
 * connection (on the embedded PGlite database, every other request waited). The body is now
 * written to a temporary file first, within these limits, and only the finished file is imported.
 */
export const UPLOAD_LIMITS = {
  /** Time an upload may take to get going before its average rate is checked. */
  graceMs: 10_000,
  /** The average rate an upload must keep after the grace period. */
  minBytesPerSecond: 16 * 1024,
  /** The longest an upload may take, however fast it is going. */
  totalMs: 120_000,
} as const

export type UploadLimits = { graceMs: number; minBytesPerSecond: number; totalMs: number }

/** Spool files are named with this prefix, so a stray one is easy to find. */
export const SPOOL_FILE_PREFIX = 'loopmap-import-'

/**
 * Measures one upload from the moment it is started (the route handler's start) and answers 408
 * once it is too slow or too long. `race` lets a wait on the client (the next chunk, the first
 * multipart part) end at that moment, even when no byte ever arrives.
 */
export function startUploadClock(limits: UploadLimits) {
  const started = performance.now()
  let bytes = 0
  let fail: (error: HttpError) => void = () => {}
  const failed = new Promise<never>((_resolve, reject) => {
    fail = reject
  })
  failed.catch(() => {}) // observed through race(); never an unhandled rejection

  const check = (): HttpError | undefined => {
    const elapsedMs = performance.now() - started
    if (elapsedMs > limits.totalMs) return tooLong(limits)
    if (elapsedMs > limits.graceMs) {
      const bytesPerSecond = bytes / (elapsedMs / 1000)
      if (bytesPerSecond < limits.minBytesPerSecond) return tooSlow(bytesPerSecond, limits)
    }
    return undefined
  }
  // a stalled client sends nothing to check on, so the clock looks on its own
  const tickMs = Math.min(1000, Math.max(10, Math.min(limits.graceMs, limits.totalMs) / 4))
  const timer = setInterval(() => {
    const error = check()
    if (error) fail(error)
  }, tickMs)
  timer.unref()

  return {
    /** Counts bytes received; throws the 408 at once if the upload is already out of bounds. */
    received(chunkBytes: number) {
      bytes += chunkBytes
      const error = check()
      if (error) throw error
    },
    /** The promise, or the clock's 408 if that comes first (the promise is then left to itself). */
    race<T>(promise: Promise<T>): Promise<T> {
      promise.catch(() => {})
      return Promise.race([promise, failed])
    },
    stop() {
      clearInterval(timer)
    },
  }
}
export type UploadClock = ReturnType<typeof startUploadClock>

export type SpoolOptions = {
  clock: UploadClock
  maxBytes: number
  /** Where the temporary file goes (default `os.tmpdir()`); tests give their own directory. */
  dir?: string | undefined
}

/**
 * Writes the whole upload to a temporary file within the byte limit (413) and the clock's (408),
 * then calls `use` with a way to read it; the file is removed afterwards whatever happens. On a
 * refusal the source is not destroyed, only left unread: the route's onResponse hook discards
 * the rest and closes the connection after the client has had the answer.
 */
export async function withSpooledUpload<T>(
  source: AsyncIterable<Buffer>,
  { clock, maxBytes, dir = os.tmpdir() }: SpoolOptions,
  use: (openFile: () => ReadStream) => Promise<T>,
): Promise<T> {
  const file = path.join(dir, `${SPOOL_FILE_PREFIX}${randomUUID()}`)
  const readers: ReadStream[] = []
  let handle: FileHandle | undefined
  try {
    handle = await open(file, 'wx', 0o600)
    // not `for await`: leaving it early would call the iterator's return(), which destroys the
    // request and its socket before the 413 / 408 reaches the client
    const iterator = source[Symbol.asyncIterator]()
    let total = 0
    while (true) {
      const next = await clock.race(iterator.next())
      if (next.done) break
      total += next.value.length
      if (total > maxBytes) throw tooLarge(maxBytes)
      clock.received(next.value.length)
      await writeAll(handle, next.value)
    }
    clock.stop()
    await handle.close()
    handle = undefined
    return await use(() => {
      const reader = createReadStream(file)
      readers.push(reader)
      return reader
    })
  } finally {
    clock.stop()
    for (const reader of readers) reader.destroy()
    await handle?.close().catch(() => {})
    await rm(file, { force: true })
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer) {
  let offset = 0
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset)
    offset += bytesWritten
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`
const rate = (bytesPerSecond: number) => `${formatBytes(Math.round(bytesPerSecond))}/s`

function tooSlow(bytesPerSecond: number, limits: UploadLimits): HttpError {
  // 408 TIMEOUT: the client was too slow (503 TIMEOUT is the server's own statement limit)
  return new HttpError(
    408,
    'TIMEOUT',
    `The upload arrived at ${rate(bytesPerSecond)}, below the minimum of ${rate(limits.minBytesPerSecond)} after the first ${seconds(limits.graceMs)}; send the file over a faster connection or split it`,
  )
}

function tooLong(limits: UploadLimits): HttpError {
  return new HttpError(
    408,
    'TIMEOUT',
    `The upload took longer than the limit of ${seconds(limits.totalMs)}; send the file over a faster connection or split it`,
  )
}
