/**
 * Which stored stream is "the same stream" in a survey year (issue 12): same enterprise, EWC code
 * and year, and the same `stream_ref` when it has one, else the same description (trimmed,
 * case-folded, spaces collapsed; no description is the empty key) and no `stream_ref`. The rule
 * the survey import matches rows by (features/imports/rows.ts), here for the domain to share.
 */
export type StreamIdentityColumns = {
  ewc_code: string
  stream_ref: string | null
  description: string | null
}

/** Trimmed, case-folded, inner whitespace collapsed; no description is the empty key. */
export function normaliseStreamDescription(description: string | null): string {
  return (description ?? '').normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ')
}

/** A stream's key within its enterprise and year: equal keys are the same stream. */
export function streamIdentityKey(stream: StreamIdentityColumns): string {
  return JSON.stringify(
    stream.stream_ref !== null
      ? [stream.ewc_code, 'stream_ref', stream.stream_ref]
      : [stream.ewc_code, 'description', normaliseStreamDescription(stream.description)],
  )
}
