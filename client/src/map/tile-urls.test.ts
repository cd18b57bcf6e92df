import { describe, expect, it } from 'vitest'
import { filterSearchParams, tileUrlTemplate } from './tile-urls.js'

const origin = 'http://127.0.0.1:3000'

describe('tileUrlTemplate', () => {
  it('has no query string without filters and keeps the placeholders as they are', () => {
    expect(tileUrlTemplate('enterprises', {}, origin)).toBe(
      'http://127.0.0.1:3000/api/tiles/enterprises/{z}/{x}/{y}.mvt',
    )
  })

  it('puts every filter in the query string, booleans and numbers as the API reads them', () => {
    const url = tileUrlTemplate(
      'regions',
      { ewc: '1001', hazardous: true, byproduct: false, surveyYear: 2024, regionId: 3, route: 'R5' },
      `${origin}/`,
    )
    expect(url.startsWith('http://127.0.0.1:3000/api/tiles/regions/{z}/{x}/{y}.mvt?')).toBe(true)
    const params = new URL(url.replace(/[{}]/g, '')).searchParams
    expect(Object.fromEntries(params)).toEqual({
      ewc: '1001',
      hazardous: 'true',
      byproduct: 'false',
      surveyYear: '2024',
      regionId: '3',
      route: 'R5',
    })
  })

  it('writes the same filters in the same order whatever order they were set in', () => {
    const a = filterSearchParams({ q: 'cement', nace: 'C', sizeClass: 'large' }).toString()
    const b = filterSearchParams({ sizeClass: 'large', nace: 'C', q: 'cement' }).toString()
    expect(a).toBe(b)
  })

  it('encodes free text', () => {
    expect(tileUrlTemplate('hexbins', { q: 'fly ash & slag' }, origin)).toMatch(/\?q=fly\+ash\+%26\+slag$/)
  })
})
