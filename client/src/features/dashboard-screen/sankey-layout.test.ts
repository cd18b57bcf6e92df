import { describe, expect, it } from 'vitest'
import { bandPath, layoutSankey, type SankeyNode } from './sankey-layout.js'

const columnOf = (id: string) => (id.startsWith('s') ? 0 : id.startsWith('c') ? 1 : 2)
const bySize = (a: SankeyNode, b: SankeyNode) => b.tonnesPerYear - a.tonnesPerYear
const frame = { height: 200, nodeWidth: 10, gap: 10, columnX: [0, 100, 200] }

// s1 → c1 (60), s1 → c2 (20), s2 → c2 (20); c1 → r (60), c2 → r (40)
const input = [
  { source: 's1', target: 'c1', tonnesPerYear: 60 },
  { source: 's1', target: 'c2', tonnesPerYear: 20 },
  { source: 's2', target: 'c2', tonnesPerYear: 20 },
  { source: 'c1', target: 'r', tonnesPerYear: 60 },
  { source: 'c2', target: 'r', tonnesPerYear: 40 },
]

describe('layoutSankey', () => {
  const { nodes, bands } = layoutSankey(input, columnOf, bySize, frame)
  const node = (id: string) => nodes.find((n) => n.id === id)!

  it('sizes nodes by their larger side on one scale, the fullest column filling the height', () => {
    // column 0 and 1 have two nodes (one gap) for 100 t, column 2 one node: 190 px for 100 t
    expect(node('s1').height).toBeCloseTo(80 * 1.9)
    expect(node('c2').height).toBeCloseTo(40 * 1.9)
    expect(node('r').height).toBeCloseTo(100 * 1.9)
    expect(node('s2').y + node('s2').height).toBeCloseTo(200)
  })

  it('stacks a column in the given order without overlaps, at the column x', () => {
    expect(node('s1').y).toBe(0)
    expect(node('s2').y).toBeCloseTo(node('s1').height + 10)
    expect(nodes.filter((n) => n.column === 1).map((n) => [n.id, n.x])).toEqual([
      ['c1', 100],
      ['c2', 100],
    ])
  })

  it('makes bands as thick as their tonnes and fills each node side exactly', () => {
    for (const n of nodes) {
      const out = bands.filter((b) => b.source === n.id).reduce((sum, b) => sum + b.width, 0)
      const into = bands.filter((b) => b.target === n.id).reduce((sum, b) => sum + b.width, 0)
      expect(Math.max(out, into)).toBeCloseTo(n.height)
    }
    const s1c2 = bands.find((b) => b.source === 's1' && b.target === 'c2')!
    expect(s1c2.width).toBeCloseTo(20 * 1.9)
    // s1's bands leave in the order of their targets: c1's band on top, c2's below it
    expect(s1c2.y0).toBeCloseTo(60 * 1.9 + (20 * 1.9) / 2)
    // c2 takes s1's band above s2's
    const s2c2 = bands.find((b) => b.source === 's2' && b.target === 'c2')!
    expect(s2c2.y1).toBeGreaterThan(s1c2.y1)
    expect(s1c2.x0).toBe(10)
    expect(s1c2.x1).toBe(100)
  })

  it('draws a band as a horizontal S curve and places nothing when there is nothing', () => {
    expect(bandPath({ ...input[0]!, width: 4, x0: 0, y0: 10, x1: 100, y1: 50 })).toBe(
      'M0,10C50,10 50,50 100,50',
    )
    expect(layoutSankey([], columnOf, bySize, frame)).toEqual({ nodes: [], bands: [] })
  })
})
