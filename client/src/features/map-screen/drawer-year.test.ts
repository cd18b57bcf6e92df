import { describe, expect, it } from 'vitest'
import { drawerYear } from './drawer-year.js'

const stream = (surveyYear: number, quantityTonnesPerYear: number, hazardous = false) => ({
  surveyYear,
  quantityTonnesPerYear,
  hazardous,
})
// Garadagh Cement Works as the issue found it: one stream reported for two years
const streams = [stream(2023, 41_000), stream(2024, 38_000), stream(2024, 226, true)]

describe('drawerYear', () => {
  it('shows the latest year by default, never the years added together', () => {
    expect(drawerYear(streams)).toMatchObject({
      year: 2024,
      years: [2024, 2023],
      reported: true,
      totalTonnes: 38_226,
      hazardousTonnes: 226,
    })
  })

  it('shows the chosen year, and says when the enterprise did not report for it', () => {
    expect(drawerYear(streams, 2023)).toMatchObject({ year: 2023, totalTonnes: 41_000, reported: true })
    expect(drawerYear(streams, 2025)).toMatchObject({
      year: 2025,
      reported: false,
      totalTonnes: 0,
      streams: [],
    })
  })

  it('has no year when nothing was ever reported', () => {
    expect(drawerYear([])).toMatchObject({ year: null, years: [], reported: false })
  })
})
