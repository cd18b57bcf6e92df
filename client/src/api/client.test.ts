import { healthSchema } from '@contract/health.js'
import { describe, expect, it } from 'vitest'
import { ApiRequestError, apiUrl, getJson } from './client.js'

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
