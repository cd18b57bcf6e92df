import { describe, expect, it } from 'vitest'
import { shortTitle } from './catalog-titles.js'

describe('shortTitle', () => {
  it('turns a title in capitals into sentence case', () => {
    expect(shortTitle('WASTES FROM THERMAL PROCESSES')).toBe('Wastes from thermal processes')
  })

  it('keeps a title that is not in capitals as it is', () => {
    expect(shortTitle('Manufacture of cement')).toBe('Manufacture of cement')
  })

  it('reads a title in capitals with a lower-case note as shouted too', () => {
    expect(
      shortTitle(
        'OIL WASTES AND WASTES OF LIQUID FUELS (except edible oils, and those in chapters 05, 12 and 19)',
        120,
      ),
    ).toBe('Oil wastes and wastes of liquid fuels (except edible oils, and those in chapters 05, 12 and 19)')
  })

  it('keeps abbreviations in brackets', () => {
    expect(shortTitle('WASTES FROM THE MFSU (MFSU) OF COATINGS', 80)).toBe(
      'Wastes from the mfsu (MFSU) of coatings',
    )
  })

  it('cuts a long title at a word and marks the cut', () => {
    const long =
      'WASTES FROM WASTE MANAGEMENT FACILITIES, OFF-SITE WASTE WATER TREATMENT PLANTS AND THE PREPARATION OF WATER'
    const short = shortTitle(long, 60)
    expect(short.length).toBeLessThanOrEqual(60)
    expect(short).toBe('Wastes from waste management facilities, off-site waste…')
  })
})
