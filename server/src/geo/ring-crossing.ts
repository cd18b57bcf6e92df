/**
 * Does a ring touch or cross itself? A Shamos–Hoey sweep line: O(n log n) in the ring's positions,
 * whatever their shape (the double loop it replaces, Turf's kinks, took 16 s for 24,000 positions
 * and blocked the server meanwhile). It stops at the first meeting, which it returns; it does not
 * count them (counting every crossing is quadratic when a ring crosses itself n² times).
 *
 * What counts as a meeting, as in OGC's simple-feature rules (PostGIS's ST_IsValid): two edges
 * that are not neighbours crossing or touching, a position used twice (a ring pinched to a point),
 * and two neighbouring edges doubling back over each other (a spike). Repeated consecutive
 * positions are ignored, as PostGIS does.
 */

type Point = readonly [number, number]
type Segment = { a: Point; b: Point; index: number } // a before b: smaller longitude, then latitude

export type RingMeeting = { at: Point }

export function firstRingMeeting(ring: readonly (readonly number[])[]): RingMeeting | undefined {
  const points: Point[] = []
  for (const position of ring) {
    const point: Point = [position[0] ?? 0, position[1] ?? 0]
    const last = points[points.length - 1]
    if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point)
  }
  const first = points[0]
  const last = points[points.length - 1]
  if (first && last && points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop()
  const n = points.length
  if (n < 3) return undefined
  const seen = new Set<string>()
  for (const point of points) {
    const key = `${point[0]},${point[1]}`
    if (seen.has(key)) return { at: point }
    seen.add(key)
  }
  const segments: Segment[] = points.map((p, index) => {
    const q = points[(index + 1) % n] as Point
    return before(p, q) ? { a: p, b: q, index } : { a: q, b: p, index }
  })
  const adjacent = (s: Segment, t: Segment) => {
    const d = Math.abs(s.index - t.index)
    return d === 1 || d === n - 1
  }
  const meeting = (s: Segment | undefined, t: Segment | undefined): RingMeeting | undefined => {
    if (!s || !t || s === t) return undefined
    return adjacent(s, t) ? neighboursOverlap(s, t) : segmentsMeet(s, t)
  }
  // events: every segment enters at a and leaves at b; at one point, leaving comes first (the
  // edge ending at a vertex leaves before the next one enters)
  const events: { point: Point; segment: Segment; enters: boolean }[] = []
  for (const segment of segments) {
    events.push({ point: segment.a, segment, enters: true })
    events.push({ point: segment.b, segment, enters: false })
  }
  events.sort(
    (e, f) => e.point[0] - f.point[0] || e.point[1] - f.point[1] || Number(e.enters) - Number(f.enters),
  )
  const status = new SweepStatus()
  for (const { segment, enters } of events) {
    if (enters) {
      const { below, above } = status.insert(segment)
      const found = meeting(segment, below) ?? meeting(segment, above)
      if (found) return found
    } else {
      const { below, above } = status.remove(segment)
      const found = meeting(below, above)
      if (found) return found
    }
  }
  return undefined
}

function before(p: Point, q: Point): boolean {
  return p[0] < q[0] || (p[0] === q[0] && p[1] < q[1])
}

function orient(p: Point, q: Point, r: Point): number {
  const value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
  return value > 0 ? 1 : value < 0 ? -1 : 0
}

/** r lies in the box of p–q (used when the three are collinear). */
function inBox(p: Point, q: Point, r: Point): boolean {
  return (
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1])
  )
}

function segmentsMeet(s: Segment, t: Segment): RingMeeting | undefined {
  const o1 = orient(s.a, s.b, t.a)
  const o2 = orient(s.a, s.b, t.b)
  const o3 = orient(t.a, t.b, s.a)
  const o4 = orient(t.a, t.b, s.b)
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
    return { at: crossingPoint(s, t) }
  }
  if (o1 === 0 && inBox(s.a, s.b, t.a)) return { at: t.a }
  if (o2 === 0 && inBox(s.a, s.b, t.b)) return { at: t.b }
  if (o3 === 0 && inBox(t.a, t.b, s.a)) return { at: s.a }
  if (o4 === 0 && inBox(t.a, t.b, s.b)) return { at: s.b }
  return undefined
}

/** Neighbouring edges share one position; they meet elsewhere only when they double back. */
function neighboursOverlap(s: Segment, t: Segment): RingMeeting | undefined {
  const shared = [s.a, s.b].find((p) => (p === t.a || p === t.b) as boolean) ?? s.a
  const sFar = shared === s.a ? s.b : s.a
  const tFar = shared === t.a ? t.b : t.a
  if (orient(shared, sFar, tFar) !== 0) return undefined
  const dot = (sFar[0] - shared[0]) * (tFar[0] - shared[0]) + (sFar[1] - shared[1]) * (tFar[1] - shared[1])
  return dot > 0 ? { at: shared } : undefined
}

function crossingPoint(s: Segment, t: Segment): Point {
  const [x1, y1] = s.a
  const [x2, y2] = s.b
  const [x3, y3] = t.a
  const [x4, y4] = t.b
  const d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
  const u = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d
  return [x1 + u * (x2 - x1), y1 + u * (y2 - y1)]
}

/**
 * Order of two segments that both span the sweep line and do not cross (which holds until the
 * sweep stops): negative when s lies below t.
 */
function compareSegments(s: Segment, t: Segment): number {
  if (s === t) return 0
  if (before(t.a, s.a) || (t.a[0] === s.a[0] && t.a[1] === s.a[1] && before(t.b, s.b))) {
    return -compareSegments(t, s)
  }
  // s starts first (or together): where does t lie against s?
  const oa = orient(s.a, s.b, t.a)
  if (oa !== 0) return -oa
  const ob = orient(s.a, s.b, t.b)
  if (ob !== 0) return -ob
  return s.index - t.index // collinear: any fixed order (the neighbour test reports them)
}

type TreapNode = { segment: Segment; priority: number; left?: TreapNode; right?: TreapNode }

/** The segments crossing the sweep line, ordered bottom to top: a treap (expected O(log n)). */
class SweepStatus {
  private root: TreapNode | undefined
  // a fixed-seed generator keeps the tree's shape, and so the answer's cost, reproducible
  private seed = 0x2545f491

  private random(): number {
    this.seed ^= this.seed << 13
    this.seed ^= this.seed >>> 17
    this.seed ^= this.seed << 5
    return this.seed >>> 0
  }

  insert(segment: Segment): { below?: Segment; above?: Segment } {
    const [lower, upper] = split(this.root, (s) => compareSegments(s, segment) < 0)
    const node: TreapNode = { segment, priority: this.random() }
    const below = last(lower)?.segment
    const above = first(upper)?.segment
    this.root = merge(merge(lower, node), upper)
    return { below, above }
  }

  remove(segment: Segment): { below?: Segment; above?: Segment } {
    const [lower, rest] = split(this.root, (s) => compareSegments(s, segment) < 0)
    const [self, upper] = split(rest, (s) => s === segment || compareSegments(s, segment) <= 0)
    if (self?.segment !== segment || self.left || self.right) {
      // rounding made the order inconsistent: put everything back and remove it by identity
      this.root = merge(merge(lower, self), upper)
      this.root = removeByIdentity(this.root, segment)
      return {}
    }
    const below = last(lower)?.segment
    const above = first(upper)?.segment
    this.root = merge(lower, upper)
    return { below, above }
  }
}

/** Splits into the nodes for which `goesLeft` holds (a prefix of the order) and the others. */
function split(
  node: TreapNode | undefined,
  goesLeft: (segment: Segment) => boolean,
): [TreapNode | undefined, TreapNode | undefined] {
  if (!node) return [undefined, undefined]
  if (goesLeft(node.segment)) {
    const [l, r] = split(node.right, goesLeft)
    node.right = l
    return [node, r]
  }
  const [l, r] = split(node.left, goesLeft)
  node.left = r
  return [l, node]
}

function merge(a: TreapNode | undefined, b: TreapNode | undefined): TreapNode | undefined {
  if (!a) return b
  if (!b) return a
  if (a.priority > b.priority) {
    a.right = merge(a.right, b)
    return a
  }
  b.left = merge(a, b.left)
  return b
}

function first(node: TreapNode | undefined): TreapNode | undefined {
  while (node?.left) node = node.left
  return node
}

function last(node: TreapNode | undefined): TreapNode | undefined {
  while (node?.right) node = node.right
  return node
}

function removeByIdentity(node: TreapNode | undefined, segment: Segment): TreapNode | undefined {
  if (!node) return undefined
  if (node.segment === segment) return merge(node.left, node.right)
  node.left = removeByIdentity(node.left, segment)
  node.right = removeByIdentity(node.right, segment)
  return node
}
