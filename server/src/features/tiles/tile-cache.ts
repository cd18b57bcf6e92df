import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)

/** A tile body as sent: the MVT bytes and, when it saves bytes, their gzip. */
export type TileBody = { bytes: Uint8Array; gzipped: Uint8Array | null }

/** The default bound of the tile cache: about 200 dense city tiles or 30,000 typical ones. */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024

/**
 * Encoded tile bodies by ETag (issue 14: a repeated request without If-None-Match cost the full
 * 1–6.9 s), least recently used first out, bounded by the bytes held. The ETag names everything a
 * tile's bytes depend on (service.ts, etagFor: data revision, encoder, params, query, disclosure),
 * so every viewer whose request gets the same ETag shares one entry, and a write makes the old
 * entries unreachable (their revision is gone) until eviction drops them.
 */
export function tileBodyCache(maxBytes: number = TILE_CACHE_BYTES) {
  const entries = new Map<string, TileBody>()
  let heldBytes = 0
  let hits = 0
  let misses = 0
  const sizeOf = (key: string, body: TileBody) => key.length + body.bytes.length + (body.gzipped?.length ?? 0)

  function remove(key: string) {
    const body = entries.get(key)
    if (!body) return
    entries.delete(key)
    heldBytes -= sizeOf(key, body)
  }

  return {
    get(key: string): TileBody | undefined {
      const body = entries.get(key)
      if (!body) {
        misses += 1
        return undefined
      }
      // a Map iterates in insertion order: re-inserting makes this the most recently used
      entries.delete(key)
      entries.set(key, body)
      hits += 1
      return body
    },
    set(key: string, body: TileBody): void {
      remove(key)
      const size = sizeOf(key, body)
      if (size > maxBytes) return
      entries.set(key, body)
      heldBytes += size
      for (const oldest of entries.keys()) {
        if (heldBytes <= maxBytes) break
        remove(oldest)
      }
    },
    stats() {
      return { hits, misses, entries: entries.size, bytes: heldBytes }
    },
  }
}
export type TileBodyCache = ReturnType<typeof tileBodyCache>

/**
 * The body of a tile with its gzip (issue 14: gzip saves 60–65 % of a tile), compressed once when
 * the tile is built, off the event loop (zlib's thread pool), so a cached tile costs no CPU.
 */
export async function tileBody(bytes: Uint8Array): Promise<TileBody> {
  if (bytes.length === 0) return { bytes, gzipped: null }
  const gzipped = await gzipAsync(bytes)
  return { bytes, gzipped: gzipped.length < bytes.length ? gzipped : null }
}

/**
 * Whether an Accept-Encoding header allows gzip (RFC 9110 §12.5.3): named with q > 0, or `*`
 * with q > 0 when gzip is not named. No header: identity only.
 */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  if (acceptEncoding === undefined) return false
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding
  let gzipQ: number | undefined
  let anyQ: number | undefined
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    const weight = Number.isFinite(q) ? q : 0
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') gzipQ = weight
    else if (name.trim() === '*') anyQ = weight
  }
  return (gzipQ ?? anyQ ?? 0) > 0
}
