import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * The opaque per-match token (issue 13): a candidate's receiver, need and permit sealed with
 * AES-256-GCM under a key derived from the database's disclosure secret (migration 013), bound to
 * the waste stream. A viewer who may
 * not see single enterprises gets the token instead of the ids and proposes the match with it;
 * the server opens it and recomputes the candidate as for any proposal. It cannot be read or
 * forged (GCM's tag), and a token of one stream does not open for another (the stream is the
 * additional data). The IV is an HMAC of the content, so the same candidate always gets the same
 * token (a stable key for the screen), and a token still opens after a restart or on another
 * server of the same database.
 */
let keys = { key: randomBytes(32), ivKey: randomBytes(32) } // until the routes load the secret

/** Derives the token keys from the database's secret (HKDF-SHA256): called once at start. */
export function useMatchTokenSecret(secret: string) {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'loopmap', info, 32))
  keys = { key: derive('match-token/aes-256-gcm'), ivKey: derive('match-token/iv') }
}

export type MatchTokenContent = {
  receiverEnterpriseId: number
  resourceNeedId: number | null
  permitId: number | null
}

const streamData = (wasteStreamId: number) => Buffer.from(`waste-stream:${wasteStreamId}`)

export function sealMatchToken(wasteStreamId: number, content: MatchTokenContent): string {
  const plain = Buffer.from(
    JSON.stringify([content.receiverEnterpriseId, content.resourceNeedId, content.permitId]),
  )
  const iv = createHmac('sha256', keys.ivKey)
    .update(streamData(wasteStreamId))
    .update(plain)
    .digest()
    .subarray(0, 12)
  const cipher = createCipheriv('aes-256-gcm', keys.key, iv)
  cipher.setAAD(streamData(wasteStreamId))
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')
}

const id = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0

/** The content of a token made for this stream; undefined for anything else (forged, other stream, old). */
export function openMatchToken(wasteStreamId: number, token: string): MatchTokenContent | undefined {
  const bytes = Buffer.from(token, 'base64url')
  if (bytes.length < 12 + 16 + 1) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.key, bytes.subarray(0, 12))
    decipher.setAAD(streamData(wasteStreamId))
    decipher.setAuthTag(bytes.subarray(12, 28))
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString()
    const [receiver, need, permit] = JSON.parse(plain) as unknown[]
    if (!id(receiver) || !(need === null || id(need)) || !(permit === null || id(permit))) return undefined
    return { receiverEnterpriseId: receiver, resourceNeedId: need, permitId: permit }
  } catch {
    return undefined
  }
}
