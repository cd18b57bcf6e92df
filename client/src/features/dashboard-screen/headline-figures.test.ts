import type { AggregateCell, AreaAggregate } from '@contract/aggregates.js'
import { describe, expect, it } from 'vitest'
import { chartRows, compareRows, rowLabels, withheldText } from './chart-rows.js'
import { basisShares, basisText, headlineFigures } from './headline-figures.js'

const basis = (measured: number, estimated = 0, calculated = 0) => ({ measured, estimated, calculated })
const cell = (key: string, tonnes: number, extra: Partial<AggregateCell> = {}): AggregateCell => ({
  key,
  label: null,
  enterpriseCount: 5,
  tonnesPerYear: tonnes,
  hazardousTonnesPerYear: 0,
  basis: basis(tonnes),
  suppressed: null,
  ...extra,
})
const withheld = (key: string, suppressed: 'primary' | 'secondary'): AggregateCell => ({
  ...cell(key, 0),
  enterpriseCount: null,
  tonnesPerYear: null,
  hazardousTonnesPerYear: null,
  basis: { measured: null, estimated: null, calculated: null },
  suppressed,
})

const area: AreaAggregate = {
  area: { kind: 'region', regionId: 2, name: 'Baku (demo)', level: 'admin2' },
  surveyYear: 2024,
  years: [2023, 2024],
  enterprisesRegistered: 40,
  totals: {
    ...cell('total', 200, { enterpriseCount: 14, hazardousTonnesPerYear: 50, basis: basis(150, 30, 20) }),
    recoveredTonnesPerYear: 80,
    recoveryRate: 0.4,
  },
  byEwcChapter: [withheld('19', 'primary'), cell('02', 120), withheld('05', 'secondary'), cell('15', 20)],
  byNaceSection: [],
  byRoute: [cell('recovery', 80, { basis: basis(40, 40) }), cell('disposal', 120)],
  byYear: [withheld('2023', 'primary'), withheld('2024', 'secondary')],
  yearOnYear: {
    fromYear: 2023,
    toYear: 2024,
    changePercent: null,
    fromEnterpriseCount: null,
    toEnterpriseCount: null,
    likeForLike: {
      enterpriseCount: null,
      fromTonnes: null,
      toTonnes: null,
      changePercent: null,
      suppressed: 'primary',
    },
  },
  topStreams: [],
}

describe('headlineFigures', () => {
  const figures = headlineFigures(area)
  const figure = (id: string) => figures.find((f) => f.id === id)!

  it('states each figure with its unit and basis', () => {
    expect(figure('enterprises')).toMatchObject({
      label: 'Enterprises reported for 2024',
      text: '14',
      note: 'of 40 registered (35 %)',
    })
    expect(figure('generated')).toMatchObject({ label: 'Waste generated in 2024', text: '200 t/year' })
    expect(basisText(figure('generated').basis!)).toBe('75 % measured · 15 % estimated · 10 % calculated')
    expect(figure('hazardous')).toMatchObject({ text: '50 t/year', note: '25 % of the waste generated' })
    expect(figure('recoveryRate')).toMatchObject({ text: '40 %', note: 'Recovered (R): 80 t/year' })
    expect(basisText(figure('recoveryRate').basis!)).toBe('50 % measured · 50 % estimated')
  })

  it('says why a figure is withheld instead of showing 0', () => {
    expect(figure('yearOnYear')).toMatchObject({
      text: null,
      withheld: 'primary',
      label: 'Change 2023 → 2024, like for like',
      note: 'All enterprises: withheld',
    })
    expect(withheldText('primary', 3)).toBe('withheld: fewer than 3 enterprises')
    expect(withheldText('secondary', 3)).toBe('withheld so others can’t be worked out')
  })

  it('shows the like-for-like change with its sign, the all-enterprises change beside it', () => {
    const grown = headlineFigures({
      ...area,
      byYear: [cell('2023', 100), cell('2024', 150, { basis: basis(75, 75) })],
      yearOnYear: {
        fromYear: 2023,
        toYear: 2024,
        changePercent: 50,
        fromEnterpriseCount: 8,
        toEnterpriseCount: 40,
        likeForLike: {
          enterpriseCount: 8,
          fromTonnes: 100,
          toTonnes: 110,
          changePercent: 10,
          suppressed: null,
        },
      },
    })
    expect(grown[4]).toMatchObject({
      text: '+10 %',
      withheld: null,
      basisOf: 'Basis of 2024',
      note: 'The 8 enterprises that reported in both years · All enterprises: +50 % (8 → 40 reported)',
    })
    expect(basisText(grown[4]!.basis!)).toBe('50 % measured · 50 % estimated')
  })

  it('has no basis for a figure without tonnes', () => {
    expect(basisShares(basis(0))).toBeNull()
    expect(basisShares({ measured: null, estimated: null, calculated: null })).toBeNull()
  })
})

describe('chartRows', () => {
  it('puts withheld cells after the published ones, by key, whatever the API order', () => {
    const rows = chartRows(area.byEwcChapter, rowLabels.year, 'byTonnes')
    expect(rows.map((row) => [row.key, row.tonnesPerYear, row.suppressed])).toEqual([
      ['02', 120, null],
      ['15', 20, null],
      ['05', null, 'secondary'],
      ['19', null, 'primary'],
    ])
  })

  it('keeps the given order for routes and years, and labels chapters in sentence case', () => {
    expect(chartRows(area.byRoute, rowLabels.route, 'asGiven').map((row) => row.label)).toEqual([
      'Recovery (R)',
      'Disposal (D)',
    ])
    const thermal = cell('10', 1, { label: 'WASTES FROM THERMAL PROCESSES' })
    expect(rowLabels.chapter(thermal)).toBe('10 Wastes from thermal processes')
  })
})

describe('compareRows', () => {
  it('orders the rows of all areas by the tonnes published across them, withheld-only rows last', () => {
    const { rows, labels } = compareRows(
      [
        { name: 'West', cells: [cell('10', 5), withheld('17', 'primary'), cell('02', 1)] },
        { name: 'East', cells: [cell('02', 10), withheld('10', 'secondary'), withheld('03', 'primary')] },
      ],
      rowLabels.year,
    )
    expect(labels).toEqual(['02', '10', '03', '17'])
    expect(rows.filter((row) => row.key === '10').map((row) => [row.area, row.tonnesPerYear])).toEqual([
      ['West', 5],
      ['East', null],
    ])
  })
})
