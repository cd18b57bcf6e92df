import { CSRF_HEADER } from '@contract/accounts.js'
import { healthSchema } from '@contract/health.js'
import { describe, expect, it } from 'vitest'
import { ApiRequestError, apiUrl, getJson, sendJson } from './client.js'
import { sessionStore } from './session-store.js'

function answer(status: number, body: unknown): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status })
}

describe('apiUrl', () => {
  it('leaves out undefined and empty parameters', () => {
    expect(apiUrl('catalog/ewc', { q: '10 01', hazardous: undefined, chapter: '', limit: 5 })).toBe(
      '/api/catalog/ewc?q=10+01&limit=5',
    )
  })
})

describe('getJson', () => {
  it('parses a 2xx answer with the contract schema', async () => {
    const health = await getJson(
      healthSchema,
      'health',
      {},
      answer(200, { status: 'ok', database: 'pglite', postgis: '3.5.2' }),
    )
    expect(health.database).toBe('pglite')
  })

  it('rejects an answer that drifted from the contract', async () => {
    await expect(
      getJson(healthSchema, 'health', {}, answer(200, { status: 'ok', database: 'mysql' })),
    ).rejects.toThrow()
  })

  it('turns a structured 4xx into an ApiRequestError with the field details', async () => {
    const error = {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid query',
        details: [{ path: 'query.code', message: 'unknown' }],
      },
    }
    const failure = await getJson(healthSchema, 'health', {}, answer(400, error)).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiRequestError)
    expect((failure as ApiRequestError).status).toBe(400)
    expect((failure as ApiRequestError).body.details[0]?.path).toBe('query.code')
  })
})

describe('writes and the session', () => {
  const signedIn = {
    signedIn: true,
    user: {
      id: 3,
      email: 'a@example.org',
      displayName: null,
      role: 'analyst' as const,
      enterpriseId: null,
      regionIds: [],
    },
    csrfToken: 'csrf-123',
  }
  const sent: { url: string; init: RequestInit | undefined }[] = []
  const recording =
    (status: number, body: unknown): typeof fetch =>
    async (url, init) => {
      sent.push({ url: String(url), init })
      return new Response(status === 204 ? null : JSON.stringify(body), { status })
    }
  const unauthorized = { error: { code: 'UNAUTHORIZED', message: 'Your session has ended', details: [] } }

  it('sends the session’s CSRF token with a write, and none with a read', async () => {
    sessionStore.loaded(signedIn)
    sent.length = 0
    await sendJson(null, 'DELETE', 'enterprises/1', undefined, { fetchImpl: recording(204, null) })
    await getJson(
      healthSchema,
      'health',
      {},
      recording(200, { status: 'ok', database: 'pglite', postgis: '3' }),
    )
    expect(new Headers(sent[0]?.init?.headers).get(CSRF_HEADER)).toBe('csrf-123')
    expect(new Headers(sent[1]?.init?.headers).get(CSRF_HEADER)).toBeNull()
  })

  it('marks a signed-in session as ended on a 401, keeping the screens built for the same viewer', async () => {
    sessionStore.loaded(signedIn)
    await getJson(healthSchema, 'enterprises', {}, recording(401, unauthorized)).catch(() => undefined)
    expect(sessionStore.get()).toMatchObject({ ended: true, viewerKey: 'user:3' })
    expect(sessionStore.get().session?.signedIn).toBe(false)
    expect(sessionStore.csrfToken()).toBeUndefined()
  })

  it('takes a 401 from the sign-in route as a wrong password, not as an ended session', async () => {
    sessionStore.loaded(signedIn)
    await sendJson(
      null,
      'POST',
      'session',
      { email: 'a@example.org', password: 'x' },
      {
        fetchImpl: recording(401, unauthorized),
      },
    ).catch(() => undefined)
    expect(sessionStore.get().ended).toBe(false)
  })

  it('leaves the public as it was on a 401 (nothing ended)', async () => {
    sessionStore.loaded({ signedIn: false, user: null, csrfToken: null })
    await getJson(healthSchema, 'enterprises', {}, recording(401, unauthorized)).catch(() => undefined)
    expect(sessionStore.get().ended).toBe(false)
  })
})

describe('a write after another tab signed in again', () => {
  it('reads the new session’s CSRF token and sends the write again with it', async () => {
    const user = {
      id: 3,
      email: 'a@example.org',
      displayName: null,
      role: 'analyst' as const,
      enterpriseId: null,
      regionIds: [],
    }
    sessionStore.loaded({ signedIn: true, user, csrfToken: 'old' })
    const tokens: (string | null)[] = []
    const server: typeof fetch = async (url, init) => {
      if (String(url) === '/api/session') {
        return new Response(JSON.stringify({ signedIn: true, user, csrfToken: 'new' }), { status: 200 })
      }
      const token = new Headers(init?.headers).get(CSRF_HEADER)
      tokens.push(token)
      const forbidden = { error: { code: 'FORBIDDEN', message: 'Missing or wrong token', details: [] } }
      return token === 'new'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(forbidden), { status: 403 })
    }
    await sendJson(null, 'DELETE', 'enterprises/1', undefined, { fetchImpl: server })
    expect(tokens).toEqual(['old', 'new'])
    expect(sessionStore.csrfToken()).toBe('new')
    expect(sessionStore.get().viewerKey).toBe('user:3')
  })
})
