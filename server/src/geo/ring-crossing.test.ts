import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { firstRingMeeting } from './ring-crossing.js'

type P = [number, number]

/** The obvious quadratic answer, to hold the sweep line against: any two non-neighbouring edges meet. */
function bruteForceMeets(ring: P[]): boolean {
  const points: P[] = []
  for (const p of ring) {
    const last = points.at(-1)
    if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p)
  }
  if (points.length > 1 && points[0]?.[0] === points.at(-1)?.[0] && points[0]?.[1] === points.at(-1)?.[1])
    points.pop()
  const n = points.length
  if (n < 3) return false
  const o = (p: P, q: P, r: P) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
  const on = (p: P, q: P, r: P) =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1])
  const edge = (i: number): [P, P] => [points[i] as P, points[(i + 1) % n] as P]
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a, b] = edge(i)
      const [c, d] = edge(j)
      if (j === i + 1 || (i === 0 && j === n - 1)) {
        // neighbours: they share one position; they meet elsewhere only when doubling back
        const shared = j === i + 1 ? b : a
        const far1 = j === i + 1 ? a : b
        const far2 = j === i + 1 ? d : c
        if (
          o(shared, far1, far2) === 0 &&
          (far1[0] - shared[0]) * (far2[0] - shared[0]) + (far1[1] - shared[1]) * (far2[1] - shared[1]) > 0
        )
          return true
        continue
      }
      const o1 = o(a, b, c)
      const o2 = o(a, b, d)
      const o3 = o(c, d, a)
      const o4 = o(c, d, b)
      if (o1 * o2 < 0 && o3 * o4 < 0) return true
      if (
        (o1 === 0 && on(a, b, c)) ||
        (o2 === 0 && on(a, b, d)) ||
        (o3 === 0 && on(c, d, a)) ||
        (o4 === 0 && on(c, d, b))
      )
        return true
    }
  }
  return false
}

const closed = (points: P[]): P[] => [...points, points[0] as P]

describe('firstRingMeeting', () => {
  it('finds the crossing of a bow-tie where it is', () => {
    const meeting = firstRingMeeting(
      closed([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
      ]),
    )
    expect(meeting?.at[0]).toBeCloseTo(0.5, 12)
    expect(meeting?.at[1]).toBeCloseTo(0.5, 12)
  })

  it('finds a ring pinched to one position, a vertex on an edge and a spike, and passes a square', () => {
    expect(
      firstRingMeeting(
        closed([
          [0, 0],
          [2, 0],
          [1, 1],
          [2, 2],
          [0, 2],
          [1, 1],
        ]),
      )?.at,
    ).toEqual([1, 1])
    expect(
      firstRingMeeting(
        closed([
          [0, 0],
          [2, 0],
          [2, 2],
          [1, 0],
          [0, 2],
        ]),
      )?.at,
    ).toEqual([1, 0])
    expect(
      firstRingMeeting(
        closed([
          [0, 0],
          [2, 0],
          [3, 0],
          [1, 0],
          [1, 2],
        ]),
      ),
    ).toBeDefined()
    expect(
      firstRingMeeting(
        closed([
          [0, 0],
          [1, 0],
          [1, 1],
          [1, 1],
          [0, 1],
        ]),
      ),
    ).toBeUndefined()
  })

  it('agrees with the quadratic check on random small rings (grid positions, so touches and collinear edges happen)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 12 }), (points) => {
        const ring = closed(points as P[])
        expect(firstRingMeeting(ring) !== undefined).toBe(bruteForceMeets(ring))
      }),
      { numRuns: 3000, seed: 13 },
    )
  })

  it('agrees with the quadratic check on random rings of real-valued positions', () => {
    // fractions of a prime: real-looking positions, without the subnormals where both disagree
    const coordinate = fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 99_991)
    const point = fc.tuple(coordinate, coordinate)
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 30 }), (points) => {
        const ring = closed(points as P[])
        expect(firstRingMeeting(ring) !== undefined).toBe(bruteForceMeets(ring))
      }),
      { numRuns: 1000, seed: 13 },
    )
  })

  it('checks a 100,000-position ring in well under a second, a valid star and a comb alike', () => {
    const n = 100_000
    const star: P[] = Array.from({ length: n }, (_, i) => {
      const angle = (2 * Math.PI * i) / n
      const r = i % 2 === 0 ? 1 : 0.5
      return [r * Math.cos(angle), r * Math.sin(angle)]
    })
    // a comb: n/2 teeth, so half the edges lie across the sweep line at once
    const teeth = n / 4
    const comb: P[] = []
    for (let i = 0; i < teeth; i++) comb.push([i, 0], [i, 10], [i + 0.5, 10], [i + 0.5, 1])
    comb.push([teeth, 1], [teeth, -1], [0, -1])
    for (const ring of [star, comb]) {
      const started = performance.now()
      expect(firstRingMeeting(closed(ring))).toBeUndefined()
      expect(performance.now() - started).toBeLessThan(1000)
    }
  })
})
