import { describe, expect, it } from 'vitest'
import type { AggregateCell, AreaAggregate } from '../../contract/aggregates.js'
import { suppressSmallCells } from './disclosure.js'

const cell = (key: string, enterpriseCount: number, tonnesPerYear: number): AggregateCell => ({
  key,
  label: null,
  enterpriseCount,
  tonnesPerYear,
  hazardousTonnesPerYear: 0,
  basis: { measured: tonnesPerYear, estimated: 0, calculated: 0 },
  suppressed: null,
})

function area(overrides: Partial<AreaAggregate> = {}): AreaAggregate {
  return {
    area: { kind: 'region', regionId: 1, name: 'R', level: 'admin2' },
    surveyYear: 2024,
    years: [2023, 2024],
    enterprisesRegistered: 12,
    totals: { ...cell('total', 10, 100), recoveredTonnesPerYear: 60, recoveryRate: 0.6 },
    byEwcChapter: [cell('10', 5, 50), cell('02', 4, 30), cell('13', 1, 20)],
    byNaceSection: [cell('C', 10, 100)],
    byRoute: [cell('recovery', 6, 60), cell('disposal', 4, 40)],
    byYear: [cell('2023', 5, 40), cell('2024', 8, 60)],
    yearOnYear: {
      fromYear: 2023,
      toYear: 2024,
      changePercent: 50,
      fromEnterpriseCount: 5,
      toEnterpriseCount: 8,
      likeForLike: { enterpriseCount: 5, fromTonnes: 40, toTonnes: 44, changePercent: 10, suppressed: null },
    },
    topStreams: [cell('100101', 5, 50), cell('130205', 1, 20)],
    ...overrides,
  }
}

describe('suppressSmallCells', () => {
  it('hides a cell from fewer than k enterprises and the smallest other cell of its table', () => {
    const out = suppressSmallCells(area(), 3)
    const byKey = new Map(out.byEwcChapter.map((c) => [c.key, c]))
    expect(byKey.get('13')).toMatchObject({
      suppressed: 'primary',
      tonnesPerYear: null,
      enterpriseCount: null,
    })
    expect(byKey.get('13')?.basis).toEqual({ measured: null, estimated: null, calculated: null })
    // 100 − 50 − 30 would give chapter 13 away: the smallest remaining cell (02) goes too
    expect(byKey.get('02')).toMatchObject({ suppressed: 'secondary', tonnesPerYear: null })
    expect(byKey.get('10')).toMatchObject({ suppressed: null, tonnesPerYear: 50 })
    expect(out.totals).toMatchObject({ suppressed: null, tonnesPerYear: 100, recoveryRate: 0.6 })
  })

  it('puts withheld cells last, by key, so their place does not tell their size', () => {
    const out = suppressSmallCells(area(), 3)
    expect(out.byEwcChapter.map((c) => c.key)).toEqual(['10', '02', '13'])
    const reordered = suppressSmallCells(
      area({ byEwcChapter: [cell('13', 1, 90), cell('10', 5, 50), cell('02', 4, 30), cell('03', 6, 5)] }),
      3,
    )
    expect(reordered.byEwcChapter.map((c) => [c.key, c.suppressed])).toEqual([
      ['10', null],
      ['02', null],
      ['03', 'secondary'],
      ['13', 'primary'],
    ])
  })

  it('adds no secondary cell when two cells are hidden already', () => {
    const out = suppressSmallCells(
      area({ byEwcChapter: [cell('10', 5, 50), cell('02', 2, 30), cell('13', 1, 20)] }),
      3,
    )
    expect(out.byEwcChapter.map((c) => c.suppressed)).toEqual([null, 'primary', 'primary'])
  })

  it('hides everything when the area itself has fewer than k enterprises', () => {
    const out = suppressSmallCells(
      area({
        totals: { ...cell('total', 2, 100), recoveredTonnesPerYear: 60, recoveryRate: 0.6 },
        byYear: [cell('2023', 5, 40), cell('2024', 2, 100)],
      }),
      3,
    )
    expect(out.totals).toMatchObject({
      suppressed: 'primary',
      tonnesPerYear: null,
      recoveryRate: null,
      recoveredTonnesPerYear: null,
    })
    for (const table of [out.byEwcChapter, out.byNaceSection, out.byRoute]) {
      expect(table.every((c) => c.suppressed !== null && c.tonnesPerYear === null)).toBe(true)
    }
    // the series is one figure per year: the other year, from 5 enterprises, stays
    expect(out.byYear.map((c) => [c.key, c.suppressed])).toEqual([
      ['2023', null],
      ['2024', 'primary'],
    ])
  })

  it('hides a like-for-like change from fewer than k enterprises, or one that singles out a year', () => {
    const withBoth = (enterpriseCount: number, fromCount = 5, toCount = 8) =>
      suppressSmallCells(
        area({
          yearOnYear: {
            fromYear: 2023,
            toYear: 2024,
            changePercent: 50,
            fromEnterpriseCount: fromCount,
            toEnterpriseCount: toCount,
            likeForLike: {
              enterpriseCount,
              fromTonnes: 40,
              toTonnes: 44,
              changePercent: 10,
              suppressed: null,
            },
          },
        }),
        3,
      ).yearOnYear?.likeForLike
    expect(withBoth(5)).toMatchObject({ suppressed: null, changePercent: 10, enterpriseCount: 5 })
    expect(withBoth(2, 2)).toMatchObject({ suppressed: 'primary', changePercent: null, toTonnes: null })
    // 8 reported in 2024, 7 of them in both: 2024's total minus like for like is one enterprise
    expect(withBoth(7, 7, 8)).toMatchObject({ suppressed: 'secondary', fromTonnes: null })
  })

  it('takes the recovery rate and the year-on-year change away with the cells they come from', () => {
    const out = suppressSmallCells(
      area({
        byRoute: [cell('recovery', 2, 60), cell('disposal', 8, 40)],
        byYear: [cell('2023', 1, 40), cell('2024', 9, 60)],
      }),
      3,
    )
    expect(out.totals.recoveryRate).toBeNull()
    expect(out.totals.recoveredTonnesPerYear).toBeNull()
    expect(out.yearOnYear?.changePercent).toBeNull()
    // a single top stream from one enterprise is hidden, without a secondary: the list is partial
    expect(out.topStreams.map((c) => c.suppressed)).toEqual([null, 'primary'])
  })

  it('does not change its input', () => {
    const input = area()
    const copy = structuredClone(input)
    suppressSmallCells(input, 3)
    expect(input).toEqual(copy)
  })
})
