import { parseArgs } from 'node:util'
import { kinks } from '@turf/kinks'
import type { PolygonGeometry, Position } from '../../server/src/contract/geojson.js'
import { checkAreaGeometry } from '../../server/src/geo/polygon-validity.js'
import { firstRingMeeting } from '../../server/src/geo/ring-crossing.js'

// `npx tsx scripts/bench/geometry-checks.ts [--sizes 8000,24000,100000] [--kinks-up-to 24000]`
// The self-intersection check of a drawn area or a region, before (Turf's kinks, a double loop
// over the edges) and after (the sweep line of server/src/geo/ring-crossing.ts), on valid rings
// (the worst case for both: nothing stops them early). Two shapes: a star (a circle of
// alternating radii, few edges across any vertical line) and a comb (a quarter as many teeth as
// positions, so half the edges lie across the sweep line at once). Kinks is run only up to
// --kinks-up-to positions; above that its time is extrapolated as n², which is what it is.
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '8000,24000,100000' },
    'kinks-up-to': { type: 'string', default: '24000' },
    rounds: { type: 'string', default: '3' },
  },
})
const sizes = values.sizes.split(',').map(Number)
const kinksUpTo = Number(values['kinks-up-to'])
const rounds = Number(values.rounds)

function star(n: number): Position[] {
  const ring: Position[] = Array.from({ length: n - 1 }, (_, i) => {
    const angle = (2 * Math.PI * i) / (n - 1)
    const r = i % 2 === 0 ? 1 : 0.5
    return [49 + r * Math.cos(angle), 40 + r * Math.sin(angle)]
  })
  ring.push(ring[0] as Position)
  return ring
}

function comb(n: number): Position[] {
  const teeth = Math.floor((n - 4) / 4)
  const w = 1 / teeth
  const ring: Position[] = []
  for (let i = 0; i < teeth; i++) {
    ring.push([49 + i * w, 40], [49 + i * w, 41], [49 + (i + 0.5) * w, 41], [49 + (i + 0.5) * w, 40.1])
  }
  ring.push([50, 40.1], [50, 39.9], [49, 39.9], [49, 40])
  return ring
}

function best(run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    run()
    fastest = Math.min(fastest, performance.now() - started)
  }
  return fastest
}

const rows: Record<string, string | number>[] = []
for (const [shape, make] of [
  ['star', star],
  ['comb', comb],
] as const) {
  let kinksAt: { n: number; ms: number } | undefined
  for (const n of sizes) {
    const ring = make(n)
    const polygon: PolygonGeometry = { type: 'Polygon', coordinates: [ring] }
    if (firstRingMeeting(ring)) throw new Error(`the ${shape} of ${n} is not a simple ring`)
    const sweep = best(() => firstRingMeeting(ring))
    const whole = best(() => checkAreaGeometry(polygon))
    let before: string
    if (n <= kinksUpTo) {
      const ms = best(() => kinks(polygon))
      kinksAt = { n, ms }
      before = ms.toFixed(0)
    } else {
      before = kinksAt
        ? `~${((kinksAt.ms * (n / kinksAt.n) ** 2) / 1000).toFixed(0)} s (n², extrapolated)`
        : 'not run'
    }
    rows.push({
      shape,
      positions: ring.length,
      'kinks ms (before)': before,
      'sweep ms (after)': sweep.toFixed(1),
      'checkAreaGeometry ms (over the limit: refused at once)': whole.toFixed(1),
    })
  }
}
console.table(rows)
