import { describe, expect, it } from 'vitest'
import type { MatchCandidate } from '../../contract/matching.js'
import {
  bestPerReceiver,
  distanceFactor,
  divertsFromDisposal,
  exchangedTonnes,
  quantityFit,
} from './score.js'

describe('quantity fit', () => {
  it('stays within [0, 1] for any pair of quantities', () => {
    const quantities = [0, 0.001, 1, 7.5, 100, 4000, 1e6, 1e9]
    for (const stream of quantities) {
      for (const receiver of [...quantities, -5, null]) {
        const fit = quantityFit(stream, receiver, 0.5)
        expect(fit, `${stream} vs ${receiver}`).toBeGreaterThanOrEqual(0)
        expect(fit, `${stream} vs ${receiver}`).toBeLessThanOrEqual(1)
      }
    }
  })

  it('is 1 when the receiver takes all, √share when it takes part, the given value when it says nothing', () => {
    expect(quantityFit(100, 5000, 0.5)).toBe(1)
    expect(quantityFit(400, 100, 0.5)).toBe(0.5)
    expect(quantityFit(400, null, 0.5)).toBe(0.5)
    expect(exchangedTonnes(400, 100)).toBe(100)
    expect(exchangedTonnes(400, null)).toBe(400)
  })
})

describe('distance factor', () => {
  it('is 1 at the door, ½ at the half-score distance, and falls with distance', () => {
    expect(distanceFactor(0, 100)).toBe(1)
    expect(distanceFactor(100, 100)).toBe(0.5)
    expect(distanceFactor(10, 100)).toBeGreaterThan(distanceFactor(20, 100))
  })
})

describe('landfill diversion', () => {
  it.each([
    ['D1', true],
    ['D10', true],
    [null, true],
    ['R5', false],
  ] as const)('route %s diverts from disposal: %s', (route, expected) => {
    expect(divertsFromDisposal(route)).toBe(expected)
  })
})

describe('one candidate per receiver', () => {
  const candidate = (receiver: number, score: number, reason: string) =>
    ({
      wasteStreamId: 1,
      receiver: { enterpriseId: receiver },
      score,
      distanceKm: 10,
      reasons: [reason],
    }) as unknown as MatchCandidate

  it('keeps the best of a receiver, adds the others as reasons, and leaves its input untouched', () => {
    const input = [candidate(7, 0.3, 'sector'), candidate(7, 0.8, 'need'), candidate(8, 0.5, 'permit')]
    const copy = structuredClone(input)
    const kept = bestPerReceiver(input)
    expect(kept.map((c) => [c.receiver.enterpriseId, c.score])).toEqual([
      [7, 0.8],
      [8, 0.5],
    ])
    expect(kept[0]?.reasons).toEqual(['need', 'also: sector'])
    expect(input).toEqual(copy)
  })
})
