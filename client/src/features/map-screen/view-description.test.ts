import { describe, expect, it } from 'vitest'
import { type CatalogTitles, noTitles } from './catalog-titles.js'
import { describeView, exportFileName } from './view-description.js'

const titles: CatalogTitles = {
  ewcChapters: new Map([['10', 'Wastes from thermal processes']]),
  naceSections: new Map([['C', 'Manufacturing']]),
  naceDivisions: [{ code: '23', section: 'C', title: 'Manufacture of other non-metallic mineral products' }],
}

describe('describeView', () => {
  it('says when nothing is filtered', () => {
    expect(describeView({ filters: {}, place: 'Baku (demo)', titles })).toEqual({
      title: 'Waste map: Baku (demo)',
      subtitle: 'All enterprises and waste streams',
    })
  })

  it('names every filter, with catalogue titles where known', () => {
    const { title, subtitle } = describeView({
      filters: {
        ewc: '10',
        hazardous: true,
        nace: '23',
        surveyYear: 2024,
        route: 'R',
        byproduct: true,
        q: 'ash',
      },
      place: undefined,
      titles,
    })
    expect(title).toBe('Waste map: all regions')
    expect(subtitle).toBe(
      'Filters: EWC 10 Wastes from thermal processes, hazardous streams, ' +
        'NACE 23 Manufacture of other non-metallic mineral products, survey year 2024, route R, ' +
        'offered as by-products, “ash”',
    )
  })

  it('prints an EWC entry the way the List of Waste does', () => {
    expect(describeView({ filters: { ewc: '100102' }, place: 'X', titles: noTitles }).subtitle).toBe(
      'Filters: EWC 10 01 02',
    )
  })
})

describe('describeView and the survey year (issue 12)', () => {
  it('names the year chosen, and the year "not reported for" is about', () => {
    expect(describeView({ filters: { surveyYear: 2023 }, place: 'X', titles }).subtitle).toBe(
      'Filters: survey year 2023',
    )
    expect(describeView({ filters: { notReportedFor: 2024 }, place: 'X', titles }).subtitle).toBe(
      'Filters: not reported for 2024',
    )
    expect(
      describeView({ filters: { surveyYear: 2023, notReportedFor: 2024 }, place: 'X', titles }).subtitle,
    ).toBe('Filters: survey year 2023, not reported for 2024')
  })
})

describe('exportFileName', () => {
  it('dates the file', () => {
    expect(exportFileName(new Date(2025, 2, 7, 23, 59))).toBe('loopmap-waste-map-2025-03-07.png')
  })
})
