import { type ApiError, apiErrorSchema } from '@contract/errors.js'
import type { z } from 'zod'

/** An API answer that was not 2xx, carrying the server's structured error. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError['error'],
  ) {
    super(body.message)
  }
}

// Query values are the contract's own query inputs (z.input), so coerced numbers arrive as `unknown`.
type Query = Record<string, unknown>

/** Builds `/api/<path>?…`, leaving out undefined and empty parameters. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `/api/${path}${search ? `?${search}` : ''}`
}

/**
 * GETs an API path and parses the answer with the contract's own schema, so a server that
 * drifts from the contract fails loudly here instead of rendering nonsense.
 */
export async function getJson<S extends z.ZodType>(
  schema: S,
  path: string,
  query?: Query,
  fetchImpl: typeof fetch = fetch,
): Promise<z.infer<S>> {
  const response = await fetchImpl(apiUrl(path, query), { headers: { accept: 'application/json' } })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body)
    throw new ApiRequestError(
      response.status,
      parsed.success
        ? parsed.data.error
        : { code: 'INTERNAL', message: `HTTP ${response.status}`, details: [] },
    )
  }
  return schema.parse(body)
}
