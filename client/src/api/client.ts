import { CSRF_HEADER, sessionSchema } from '@contract/accounts.js'
import { type ApiError, apiErrorSchema } from '@contract/errors.js'
import type { z } from 'zod'
import { sessionStore } from './session-store.js'

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

/**
 * Throws the server's structured error for a non-2xx answer; otherwise returns the parsed body.
 * A 401 tells the session store the session has ended, except from the sign-in route itself,
 * whose 401 is a wrong password.
 */
async function readAnswer(response: Response, path: string): Promise<unknown> {
  // 204 No Content (a DELETE) has no body to parse.
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (response.status === 401 && path !== 'session') sessionStore.unauthorized()
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
  return schema.parse(await readAnswer(response, path))
}

/**
 * Sends a write with the session's CSRF token, as the server requires of cookie sessions. A 403
 * may mean another tab signed in again: the shared cookie then names a newer session whose token
 * this tab lacks, so the session is read again and, if the same user's token changed, the write
 * is retried once with it.
 */
async function write(
  fetchImpl: typeof fetch,
  url: string,
  init: { method: string; body: string | FormData | undefined; json: boolean },
): Promise<Response> {
  const attempt = (token: string | undefined) =>
    fetchImpl(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.json ? { 'content-type': 'application/json' } : {}),
        ...(token ? { [CSRF_HEADER]: token } : {}),
      },
      body: init.body,
    })
  const sent = sessionStore.csrfToken()
  const response = await attempt(sent)
  if (response.status !== 403 || !sent) return response
  const current = await fetchImpl(apiUrl('session'), { headers: { accept: 'application/json' } })
    .then((answer) => answer.json())
    .then((body: unknown) => sessionSchema.safeParse(body).data)
    .catch(() => undefined)
  if (!current?.csrfToken || current.csrfToken === sent) return response
  // signed in as someone else meanwhile: the screens follow, but this write is not made as them
  const sameUser = current.user?.id === sessionStore.get().session?.user?.id
  sessionStore.refreshed(current)
  return sameUser ? attempt(current.csrfToken) : response
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
  const response = await write(fetchImpl, apiUrl(path, query), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    json: body !== undefined,
  })
  const answer = await readAnswer(response, path)
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
  const response = await write(fetchImpl, apiUrl(path, query), { method: 'POST', body: form, json: false })
  return schema.parse(await readAnswer(response, path))
}
