import type { RegionTileProperties } from '@contract/tiles.js'
import { describe, expect, it } from 'vitest'
import { defaultLayers, type MapDisplay } from '../../map/map-display.js'
import type { RenderedSummary } from '../../map/rendered-summary.js'
import type { CatalogTitles } from './catalog-titles.js'
import { buildLegend, surveyYearLine } from './legend-model.js'

const titles: CatalogTitles = {
  ewcChapters: new Map([
    ['10', 'Wastes from thermal processes'],
    ['02', 'Wastes from agriculture'],
  ]),
  naceSections: new Map(),
  naceDivisions: [],
}

const summary: RenderedSummary = {
  enterpriseCount: 3,
  clustered: false,
  categories: {
    ewc: ['', '02', '10'],
    nace: ['C'],
    hazardous: ['false', 'true'],
    route: ['unknown', 'recovery'],
  },
  regions: [],
  hexbinMaxCount: 0,
  siteCount: 0,
}

const region = (id: number, values: Partial<RegionTileProperties>): RegionTileProperties => ({
  id,
  name: `Region ${id}`,
  level: 'admin2',
  isDemo: true,
  enterpriseCount: 1,
  totalTonnesPerYear: 1,
  hazardousTonnesPerYear: 0,
  recoveredTonnesPerYear: 0,
  ...values,
})

const display = (change: Partial<MapDisplay>): MapDisplay => ({
  colourBy: 'ewc',
  measure: null,
  regionLevel: 'admin2',
  layers: defaultLayers,
  ...change,
})

describe('buildLegend', () => {
  it('lists the colours on screen in code order with their titles, "no matching stream" last', () => {
    const [colours] = buildLegend({ display: display({}), summary, regions: [], breaks: [], titles })
    expect(colours?.title).toBe('Enterprises: EWC chapter with most tonnes')
    expect(colours?.items.map((item) => item.label)).toEqual([
      '02 Wastes from agriculture',
      '10 Wastes from thermal processes',
      'No matching stream',
    ])
  })

  it('names routes and hazard in words', () => {
    const route = buildLegend({
      display: display({ colourBy: 'route' }),
      summary,
      regions: [],
      breaks: [],
      titles,
    })
    expect(route[0]?.items.map((item) => item.label)).toEqual(['Mostly recovered (R)', 'Route not recorded'])
    const hazard = buildLegend({
      display: display({ colourBy: 'hazardous' }),
      summary,
      regions: [],
      breaks: [],
      titles,
    })
    expect(hazard[0]?.items.map((item) => item.label)).toEqual([
      'Generates hazardous waste',
      'Non-hazardous waste only',
    ])
  })

  it('states the choropleth unit and class bounds, a rate as a percentage, and regions without data', () => {
    const regions = [region(1, { recoveryRate: 0.1 }), region(2, { recoveryRate: 0.5 }), region(3, {})]
    const legend = buildLegend({
      display: display({ measure: 'recoveryRate', layers: { ...defaultLayers, enterprises: false } }),
      summary,
      regions,
      breaks: [0.4],
      titles,
    })
    expect(legend).toHaveLength(1)
    expect(legend[0]?.title).toBe('Regions: Recovery rate, % of tonnes recovered')
    expect(legend[0]?.items.map((item) => item.label)).toEqual([
      'below 40',
      '40 or more',
      'no waste recorded',
    ])
  })

  it('rounds large tonnages in class labels', () => {
    const regions = [region(1, { totalTonnesPerYear: 1234.56 }), region(2, { totalTonnesPerYear: 98_765.4 })]
    const legend = buildLegend({
      display: display({ measure: 'totalTonnesPerYear', layers: { ...defaultLayers, enterprises: false } }),
      summary,
      regions,
      breaks: [90_000],
      titles,
    })
    expect(legend[0]?.items.map((item) => item.label)).toEqual(['below 90,000', '90,000 or more'])
  })

  it('adds the hex-bin ramp and the treatment site symbols when those layers are on', () => {
    const legend = buildLegend({
      display: display({ layers: { enterprises: false, hexbins: true, sites: true } }),
      summary: { ...summary, hexbinMaxCount: 7 },
      regions: [],
      breaks: [],
      titles,
    })
    expect(legend.map((section) => section.title)).toEqual([
      'Hex-bin density: enterprises per hexagon',
      'Treatment sites',
    ])
    expect(legend[0]?.items[0]?.label).toBe('1 – 7')
  })
})

describe('surveyYearLine (issue 12)', () => {
  it('names the one survey year the map shows, or the year of the gap it shows', () => {
    expect(surveyYearLine({}, 2024)).toBe('Survey year 2024')
    expect(surveyYearLine({ notReportedFor: 2023 }, 2023)).toBe('Not reported for 2023')
    expect(surveyYearLine({ ewc: '10' }, null)).toBe('No survey data for these filters')
  })
})
