import type { MultiPolygonGeometry, Position } from '../../server/src/contract/geojson.js'
import type { RegionTable } from '../../server/src/db/schema.js'
import type { Random } from './random.js'

/**
 * "Synthland (synthetic)": a fictional country of about 470 × 450 km at 20–26°E, 44–48°N, well
 * away from the demo region around Baku (49–50.5°E) and from the test factories' squares in the
 * southern Pacific, so loading it never changes which region their enterprises fall in. Admin1
 * regions are the cells of a jittered 4 × 3 grid: neighbours share the very same edge polylines,
 * so the regions tile the country with no gap or overlap, and the country outline is made of the
 * grid's outer edges.
 */
export const countryBox = { west: 20, south: 44, east: 26, north: 48 } as const
const columns = 4
const rows = 3
/** Points per edge (wiggles), so borders do not look like a ruler drew them. */
const edgeSegments = 6

/** Region codes: `SYN` for the country, `SYN-01`… for its provinces. */
export const countryCode = 'SYN'
export const provinceCodePrefix = 'SYN-'

export type SyntheticRegion = Pick<RegionTable, 'name' | 'level' | 'code'> & {
  code: string
  parentCode: string | null
  geometry: MultiPolygonGeometry
}

export type Town = { name: string; lon: number; lat: number; weight: number; spreadKm: number }

export type Country = { regions: SyntheticRegion[]; outline: Position[]; towns: Town[] }

// Invented names; none is meant to be a real place.
const townNames = [
  'Synthopolis',
  'Alvenna',
  'Borvik',
  'Calderan',
  'Dunmere',
  'Eskavel',
  'Fennor',
  'Galvorn',
  'Harrowick',
  'Istrel',
  'Jorvane',
  'Kelmont',
  'Lorvath',
  'Marrowgate',
  'Nesterby',
  'Ostrevan',
  'Pellinor',
  'Quarrelton',
  'Rivenholt',
  'Saltmere',
  'Tarnwick',
  'Ulverdane',
  'Valmora',
  'Westerholm',
  'Yarrowfell',
  'Zennick',
  'Amberlow',
  'Brackwater',
  'Corrindale',
  'Dravenport',
]
const provinceNames = [
  'Northwest',
  'North Central',
  'North Highlands',
  'Northeast',
  'West',
  'Central',
  'Midlands',
  'East',
  'Southwest',
  'South Central',
  'South Plains',
  'Southeast',
]

const round6 = (value: number) => Math.round(value * 1e6) / 1e6

/** Builds the regions (country first, then admin1) and the towns industry clusters around. */
export function buildCountry(random: Random, townCount = townNames.length): Country {
  const { west, south, east, north } = countryBox
  const cellWidth = (east - west) / columns
  const cellHeight = (north - south) / rows

  // Grid corners: inner ones move in both directions, outer ones only along the border, corners stay.
  const corner: Position[][] = []
  for (let i = 0; i <= columns; i += 1) {
    corner[i] = []
    for (let j = 0; j <= rows; j += 1) {
      const onVerticalBorder = i === 0 || i === columns
      const onHorizontalBorder = j === 0 || j === rows
      const dx = onVerticalBorder ? 0 : random.uniform(-0.18, 0.18) * cellWidth
      const dy = onHorizontalBorder ? 0 : random.uniform(-0.18, 0.18) * cellHeight
      corner[i]![j] = [round6(west + i * cellWidth + dx), round6(south + j * cellHeight + dy)]
    }
  }

  const wiggle = (from: Position, to: Position, amplitude: number): Position[] => {
    const [x0, y0] = from as [number, number]
    const [x1, y1] = to as [number, number]
    const points: Position[] = [from]
    for (let k = 1; k < edgeSegments; k += 1) {
      const t = k / edgeSegments
      // perpendicular offset, fading towards the ends so corners keep their angle
      const offset = random.uniform(-amplitude, amplitude) * Math.sin(Math.PI * t)
      const length = Math.hypot(x1 - x0, y1 - y0)
      const nx = -(y1 - y0) / length
      const ny = (x1 - x0) / length
      points.push([round6(x0 + (x1 - x0) * t + nx * offset), round6(y0 + (y1 - y0) * t + ny * offset)])
    }
    points.push(to)
    return points
  }
  const outerAmplitude = 0.1 // degrees: a ragged outline, like a real border
  const innerAmplitude = 0.07
  // horizontal[i][j]: corner (i, j) → (i + 1, j); vertical[i][j]: corner (i, j) → (i, j + 1)
  const horizontal: Position[][][] = []
  const vertical: Position[][][] = []
  for (let i = 0; i <= columns; i += 1) {
    horizontal[i] = []
    vertical[i] = []
    for (let j = 0; j <= rows; j += 1) {
      if (i < columns) {
        const amplitude = j === 0 || j === rows ? outerAmplitude : innerAmplitude
        horizontal[i]![j] = wiggle(corner[i]![j]!, corner[i + 1]![j]!, amplitude)
      }
      if (j < rows) {
        const amplitude = i === 0 || i === columns ? outerAmplitude : innerAmplitude
        vertical[i]![j] = wiggle(corner[i]![j]!, corner[i]![j + 1]!, amplitude)
      }
    }
  }
  // A ring from edge polylines, each one's first point dropped so joins are not repeated.
  const ring = (edges: Position[][]): Position[] => {
    const points = edges.flatMap((edge) => edge.slice(1))
    return [points[points.length - 1]!, ...points]
  }
  const reversed = (edge: Position[]) => [...edge].reverse()

  const outline = ring([
    ...Array.from({ length: columns }, (_, i) => horizontal[i]![0]!),
    ...Array.from({ length: rows }, (_, j) => vertical[columns]![j]!),
    ...Array.from({ length: columns }, (_, i) => reversed(horizontal[columns - 1 - i]![rows]!)),
    ...Array.from({ length: rows }, (_, j) => reversed(vertical[0]![rows - 1 - j]!)),
  ])
  const regions: SyntheticRegion[] = [
    {
      name: 'Synthland (synthetic)',
      level: 'country',
      code: countryCode,
      parentCode: null,
      geometry: { type: 'MultiPolygon', coordinates: [[outline]] },
    },
  ]
  for (let j = rows - 1; j >= 0; j -= 1) {
    for (let i = 0; i < columns; i += 1) {
      const number = regions.length
      // counter-clockwise (RFC 7946): bottom, right, top backwards, left backwards
      const cell = ring([
        horizontal[i]![j]!,
        vertical[i + 1]![j]!,
        reversed(horizontal[i]![j + 1]!),
        reversed(vertical[i]![j]!),
      ])
      regions.push({
        name: `${provinceNames[number - 1] ?? `Province ${number}`} Province (synthetic)`,
        level: 'admin1',
        code: `${provinceCodePrefix}${String(number).padStart(2, '0')}`,
        parentCode: countryCode,
        geometry: { type: 'MultiPolygon', coordinates: [[cell]] },
      })
    }
  }
  return { regions, outline, towns: placeTowns(random, outline, townCount) }
}

/**
 * Towns at least ~45 km apart; weights follow Zipf's law (the capital has most industry, the
 * 30th town a thirtieth of it), and bigger towns spread their industry wider.
 */
function placeTowns(random: Random, outline: Position[], count: number): Town[] {
  const towns: Town[] = []
  const minimumDegrees = 0.5
  for (let attempt = 0; towns.length < count && attempt < 100_000; attempt += 1) {
    const lon = random.uniform(countryBox.west + 0.2, countryBox.east - 0.2)
    const lat = random.uniform(countryBox.south + 0.2, countryBox.north - 0.2)
    if (!isInside(outline, lon, lat)) continue
    if (towns.some((t) => Math.hypot(t.lon - lon, t.lat - lat) < minimumDegrees)) continue
    const rank = towns.length + 1
    const weight = 1 / rank
    towns.push({
      name: townNames[towns.length] ?? `Town ${rank}`,
      lon: round6(lon),
      lat: round6(lat),
      weight,
      spreadKm: 3 + 12 * Math.sqrt(weight),
    })
  }
  return towns
}

/** Even–odd ray casting; a closed ring of [lon, lat]. */
export function isInside(ring: readonly Position[], lon: number, lat: number): boolean {
  let inside = false
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a, a += 1) {
    const [xa, ya] = ring[a] as [number, number]
    const [xb, yb] = ring[b] as [number, number]
    if (ya > lat !== yb > lat && lon < ((xb - xa) * (lat - ya)) / (yb - ya) + xa) inside = !inside
  }
  return inside
}
