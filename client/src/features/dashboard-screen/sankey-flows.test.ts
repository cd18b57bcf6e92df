import { describe, expect, it } from 'vitest'
import { buildFlows, type FlowLink, type FlowStream } from './sankey-flows.js'

const stream = (enterpriseId: number, ewcCode: string, tonnes: number, routeCode: string | null = 'R5') =>
  ({
    enterpriseId,
    ewcCode,
    quantityTonnesPerYear: tonnes,
    routeCode,
    surveyYear: 2024,
    offeredAsByproduct: false,
  }) satisfies FlowStream

// Enterprises 1–4 are manufacturing (C), 5 is energy (D).
const sections = new Map([
  [1, 'C'],
  [2, 'C'],
  [3, 'C'],
  [4, 'C'],
  [5, 'D'],
])
const open = { minEnterprises: 1, withheldNodes: new Set<string>() }
const band = (links: FlowLink[], source: string, target: string) =>
  links.find((link) => link.source === source && link.target === target)

describe('buildFlows', () => {
  it('sums tonnes and counts distinct enterprises per band, both stages adding up to the streams', () => {
    const streams = [
      stream(1, '100101', 10),
      stream(1, '100102', 5),
      stream(2, '100101', 20, 'D1'),
      stream(5, '170101', 7, null),
    ]
    const { links, unplaced } = buildFlows(streams, sections, open)
    expect(unplaced).toBe(0)
    expect(band(links, 'sector:C', 'chapter:10')).toMatchObject({ tonnesPerYear: 35, enterpriseCount: 2 })
    expect(band(links, 'chapter:10', 'route:recovery')).toMatchObject({
      tonnesPerYear: 15,
      enterpriseCount: 1,
    })
    expect(band(links, 'chapter:10', 'route:disposal')).toMatchObject({ tonnesPerYear: 20 })
    expect(band(links, 'chapter:17', 'route:unknown')).toMatchObject({ tonnesPerYear: 7 })
    const stage = (prefix: string) =>
      links.filter((l) => l.source.startsWith(prefix)).reduce((sum, l) => sum + l.tonnesPerYear, 0)
    expect(stage('sector:')).toBe(42)
    expect(stage('chapter:')).toBe(42)
    expect(links.every((link) => link.hidden === null)).toBe(true)
  })

  it('hides a band from fewer than k enterprises, and only for k above its count', () => {
    const streams = [stream(1, '100101', 10), stream(2, '100101', 10), stream(5, '100101', 3)]
    const hiddenAt = (k: number) =>
      band(buildFlows(streams, sections, { ...open, minEnterprises: k }).links, 'sector:D', 'chapter:10')
        ?.hidden
    expect(hiddenAt(1)).toBeNull()
    expect(hiddenAt(2)).toBe('primary')
  })

  it('hides a second band where a lone hidden one could be recovered from a published total', () => {
    // chapter 10 receives C (3 enterprises) and D (1): D → 10 is primary; 10's total is published,
    // so C → 10 would give D → 10 away and goes too.
    const streams = [
      stream(1, '100101', 10),
      stream(2, '100101', 10),
      stream(3, '100101', 10),
      stream(5, '100101', 4),
      stream(1, '170101', 50),
      stream(2, '170101', 50),
      stream(3, '170101', 50),
    ]
    const { links } = buildFlows(streams, sections, { ...open, minEnterprises: 3 })
    expect(band(links, 'sector:D', 'chapter:10')?.hidden).toBe('primary')
    expect(band(links, 'sector:C', 'chapter:10')?.hidden).toBe('secondary')
    // C's outgoing side now has one hidden band (→ 10) beside → 17: 17 goes too
    expect(band(links, 'sector:C', 'chapter:17')?.hidden).toBe('secondary')
    // no side is left with exactly one hidden band
    const sides = new Map<string, FlowLink[]>()
    for (const link of links) {
      for (const side of [`out:${link.source}`, `in:${link.target}`])
        sides.set(side, [...(sides.get(side) ?? []), link])
    }
    for (const side of sides.values()) {
      if (side.length > 1) expect(side.filter((link) => link.hidden).length).not.toBe(1)
    }
  })

  it('hides every band touching a node whose total the API withheld', () => {
    const streams = [1, 2, 3].flatMap((id) => [stream(id, '100101', 10), stream(id, '170101', 10)])
    const { links } = buildFlows(streams, sections, {
      minEnterprises: 3,
      withheldNodes: new Set(['chapter:17']),
    })
    expect(band(links, 'sector:C', 'chapter:17')?.hidden).toBe('secondary')
    expect(band(links, 'chapter:17', 'route:recovery')?.hidden).toBe('secondary')
    expect(band(links, 'chapter:10', 'route:recovery')?.hidden).toBe('secondary')
  })

  it('counts only streams in the year range and of the route and by-product filters', () => {
    const streams = [
      { ...stream(1, '100101', 10), surveyYear: 2022 },
      stream(1, '100101', 5, 'D1'),
      { ...stream(1, '100101', 2), offeredAsByproduct: true },
      stream(1, '100101', 1, null),
    ]
    const only = (options: object) =>
      band(buildFlows(streams, sections, { ...open, ...options }).links, 'sector:C', 'chapter:10')
        ?.tonnesPerYear
    expect(only({})).toBe(18)
    expect(only({ yearFrom: 2023 })).toBe(8)
    expect(only({ yearTo: 2022 })).toBe(10)
    expect(only({ route: 'R' })).toBe(12)
    expect(only({ route: 'D1' })).toBe(5)
    expect(only({ route: 'unknown' })).toBe(1)
    expect(only({ byproduct: 'true' })).toBe(2)
  })

  it('counts streams of enterprises with no known sector apart, and leaves its input alone', () => {
    const streams = [stream(9, '100101', 10), stream(1, '100101', 1)]
    const copy = structuredClone(streams)
    const { links, unplaced } = buildFlows(streams, sections, open)
    expect(unplaced).toBe(1)
    expect(links).toHaveLength(2)
    expect(streams).toEqual(copy)
  })
})
