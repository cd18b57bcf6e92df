import { createHash } from 'node:crypto'

/** The default bound of the totals cache: some hundreds of whole-level answers. */
export const ANSWER_CACHE_BYTES = 32 * 1024 * 1024

/**
 * Totals answers by what they depend on (issue 14, "≤ 20 ms repeated": a province's totals cost
 * seconds at 1M enterprises, and a dashboard asks for the same ones again and again). The key
 * names the data revision, the viewer's disclosure and the whole request, so a write makes every
 * older entry unreachable (its revision is gone) and viewers who get the same figures share one.
 * Least recently used first out, bounded by the bytes of the answers' JSON; a request arriving
 * while the same answer is being computed waits for that computation (one statement, not many).
 * Per instance: each instance of a load-balanced deployment warms its own (docs/scaling.md).
 */
export function answerCache<Answer>({
  maxBytes = ANSWER_CACHE_BYTES,
  sizeOf = (answer: Answer) => JSON.stringify(answer).length,
}: { maxBytes?: number; sizeOf?: (answer: Answer) => number } = {}) {
  const entries = new Map<string, { answer: Answer; bytes: number }>()
  const computing = new Map<string, Promise<Answer>>()
  let heldBytes = 0
  let hits = 0
  let misses = 0

  function remember(key: string, answer: Answer) {
    const bytes = key.length + sizeOf(answer)
    if (bytes > maxBytes) return
    entries.set(key, { answer, bytes })
    heldBytes += bytes
    for (const [oldest, entry] of entries) {
      if (heldBytes <= maxBytes) break
      entries.delete(oldest)
      heldBytes -= entry.bytes
    }
  }

  return {
    async get(parts: unknown[], compute: () => Promise<Answer>): Promise<Answer> {
      const key = createHash('sha256').update(JSON.stringify(parts)).digest('base64url')
      const held = entries.get(key)
      if (held) {
        // a Map iterates in insertion order: re-inserting makes this the most recently used
        entries.delete(key)
        entries.set(key, held)
        hits += 1
        return held.answer
      }
      misses += 1
      const pending = computing.get(key)
      if (pending) return pending
      const computed = compute().then((answer) => {
        remember(key, answer)
        return answer
      })
      computing.set(key, computed)
      try {
        return await computed
      } finally {
        computing.delete(key)
      }
    },
    stats() {
      return { hits, misses, entries: entries.size, bytes: heldBytes }
    },
  }
}
