import { describe, expect, it } from 'vitest'
import { readDashboardQuery, writeDashboardQuery } from './dashboard-query.js'

const read = (search: string) => readDashboardQuery(new URLSearchParams(search))

describe('the dashboard URL', () => {
  it('reads regions, years, filters and the outlet distance', () => {
    expect(
      read('regionId=2&regionId=3&yearFrom=2023&yearTo=2024&nace=C&route=R&hazardous=true&distanceKm=100'),
    ).toEqual({
      regionIds: [2, 3],
      year: undefined,
      yearFrom: 2023,
      yearTo: 2024,
      filters: { nace: 'C', route: 'R', hazardous: 'true' },
      distanceKm: 100,
    })
  })

  it('drops what the API would refuse instead of failing', () => {
    expect(
      read(
        'regionId=x&regionId=-1&regionId=2&regionId=2&yearFrom=1200&route=X9&hazardous=maybe&distanceKm=33',
      ),
    ).toEqual({
      regionIds: [2],
      year: undefined,
      yearFrom: undefined,
      yearTo: undefined,
      filters: {},
      distanceKm: 50,
    })
  })

  it('swaps a reversed year range and ignores parameters it does not know', () => {
    expect(read('yearFrom=2024&yearTo=2022&q=cement&bbox=1,2,3,4')).toMatchObject({
      yearFrom: 2022,
      yearTo: 2024,
      filters: {},
    })
  })

  it('reads the survey year of the figures, dropped when outside the series range', () => {
    expect(read('year=2023').year).toBe(2023)
    expect(read('year=2022&yearFrom=2023').year).toBeUndefined()
    expect(read('year=2025&yearTo=2024').year).toBeUndefined()
  })

  it('writes what it reads, leaving out the defaults', () => {
    const search = 'regionId=2&regionId=4&year=2024&yearFrom=2023&ewc=10&distanceKm=25'
    expect(writeDashboardQuery(read(search)).toString()).toBe(search)
    expect(writeDashboardQuery(read('regionId=2&distanceKm=50')).toString()).toBe('regionId=2')
  })
})
