import { describe, expect, it } from 'vitest'
import { classBreaks, classIndex } from './class-breaks.js'

describe('classBreaks', () => {
  it('has no breaks for no values or a single distinct value', () => {
    expect(classBreaks([])).toEqual([])
    expect(classBreaks([42, 42, 42])).toEqual([])
    expect(classBreaks([Number.NaN, 7])).toEqual([])
  })

  it('gives each of a few distinct values its own class, with round thresholds', () => {
    // the three demo sub-regions: every one a class of its own
    expect(classBreaks([17, 1234, 56_789])).toEqual([1000, 50_000])
    expect(classBreaks([0.12, 0.43, 0.9])).toEqual([0.4, 0.9])
  })

  it('splits many values into quantile classes', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    const breaks = classBreaks(values, 5)
    expect(breaks).toEqual([21, 41, 61, 81])
    const perClass = [0, 0, 0, 0, 0]
    for (const value of values) perClass[classIndex(value, breaks)]! += 1
    expect(perClass).toEqual([20, 20, 20, 20, 20])
  })

  it('never moves a value into another class by rounding', () => {
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 50_000
    for (let run = 0; run < 50; run++) {
      const values = Array.from({ length: 3 + (run % 12) }, random)
      const breaks = classBreaks(values, 5)
      const sorted = [...values].sort((a, b) => a - b)
      // classes stay in value order and are never empty
      expect(breaks).toEqual([...breaks].sort((a, b) => a - b))
      const used = new Set(sorted.map((v) => classIndex(v, breaks)))
      expect(used.size).toBe(breaks.length + 1)
    }
  })

  it('keeps thresholds strictly increasing when quantiles repeat a value', () => {
    const breaks = classBreaks([1, 1, 1, 1, 1, 1, 1, 2, 3, 50], 5)
    expect(breaks.length).toBeGreaterThan(0)
    for (let i = 1; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!)
    expect(classIndex(1, breaks)).toBe(0)
    expect(classIndex(50, breaks)).toBe(breaks.length)
  })

  it('does not change its input', () => {
    const values = [30, 10, 20]
    classBreaks(values)
    expect(values).toEqual([30, 10, 20])
  })
})
