import { type ApiError, apiErrorSchema } from '@contract/errors.js'
import type { z } from 'zod'

/** An API answer that was not 2xx, carrying the server's structured error. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError['error'],
    /** The answer as sent, for endpoints whose 4xx carries more than the error (an import report). */
    readonly raw: unknown = null,
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

/** Throws the server's structured error for a non-2xx answer; otherwise returns the parsed body. */
async function readAnswer(response: Response): Promise<unknown> {
  // 204 No Content (a DELETE) has no body to parse.
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body)
    throw new ApiRequestError(
      response.status,
      parsed.success
        ? parsed.data.error
        : { code: 'INTERNAL', message: `HTTP ${response.status}`, details: [] },
      body,
    )
  }
  return body
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
  return schema.parse(await readAnswer(response))
}

type SendOptions = { query?: Query; fetchImpl?: typeof fetch }

/**
 * POSTs, PUTs or DELETEs a JSON body and parses the answer with the contract's schema; pass
 * `null` as the schema for answers without a body (204). A 4xx throws an ApiRequestError whose
 * `details` name the fields, e.g. `body.naceCode`.
 */
export async function sendJson<S extends z.ZodType>(
  schema: S,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options?: SendOptions,
): Promise<z.infer<S>>
export async function sendJson(
  schema: null,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options?: SendOptions,
): Promise<void>
export async function sendJson(
  schema: z.ZodType | null,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  { query, fetchImpl = fetch }: SendOptions = {},
): Promise<unknown> {
  const response = await fetchImpl(apiUrl(path, query), {
    method,
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const answer = await readAnswer(response)
  return schema ? schema.parse(answer) : undefined
}

/** POSTs a file as multipart form data (field `file`) and parses the answer with the contract's schema. */
export async function sendFile<S extends z.ZodType>(
  schema: S,
  path: string,
  file: Blob,
  fileName: string,
  { query, fetchImpl = fetch }: SendOptions = {},
): Promise<z.infer<S>> {
  const form = new FormData()
  form.append('file', file, fileName)
  const response = await fetchImpl(apiUrl(path, query), {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: form,
  })
  return schema.parse(await readAnswer(response))
}
