import type { WasteStreamListItem } from '@contract/waste-streams.js'
import type { Suppression } from './chart-rows.js'

/** What the flow diagram needs of a waste stream (from GET /api/waste-streams). */
export type FlowStream = Pick<
  WasteStreamListItem,
  'enterpriseId' | 'ewcCode' | 'quantityTonnesPerYear' | 'routeCode' | 'surveyYear' | 'offeredAsByproduct'
>

/** A band of the diagram: NACE section → EWC chapter, or EWC chapter → route family. */
export type FlowLink = {
  source: string
  target: string
  tonnesPerYear: number
  enterpriseCount: number
  hidden: Suppression
}

export type FlowOptions = {
  /** k of the disclosure rule; 1 when the viewer sees everything. */
  minEnterprises: number
  /** Nodes (`sector:C`, `chapter:10`, `route:recovery`) whose totals the API withheld. */
  withheldNodes: ReadonlySet<string>
  yearFrom?: number | undefined
  yearTo?: number | undefined
  /** The route and by-product filters: the stream list applies them per enterprise, the totals per stream. */
  route?: string | undefined
  byproduct?: string | undefined
}

export const sectorNode = (section: string) => `sector:${section}`
export const chapterNode = (chapter: string) => `chapter:${chapter}`
export const routeNode = (family: string) => `route:${family}`

export function routeFamily(routeCode: string | null): 'recovery' | 'disposal' | 'unknown' {
  if (routeCode?.startsWith('R')) return 'recovery'
  if (routeCode?.startsWith('D')) return 'disposal'
  return 'unknown'
}

/**
 * The flows from sectors through waste chapters to routes, summed from the region's streams (the
 * totals API has no sector × chapter × route table). The disclosure rule of the totals is
 * applied to every band: a band from fewer than k enterprises is hidden (primary), and so is any
 * band touching a node the API withheld. Because the chapter, sector and route totals are
 * published beside the diagram, a node with exactly one hidden band on a side would give that
 * band away by subtraction, so its smallest visible band on that side is hidden too (secondary),
 * repeated until no node has a lone hidden band. `unplaced` counts streams whose enterprise has no
 * known sector.
 */
export function buildFlows(
  streams: readonly FlowStream[],
  sectionOf: ReadonlyMap<number, string>,
  options: FlowOptions,
): { links: FlowLink[]; unplaced: number } {
  const sums = new Map<string, { source: string; target: string; tonnes: number; enterprises: Set<number> }>()
  const add = (source: string, target: string, stream: FlowStream) => {
    const key = `${source}>${target}`
    const sum = sums.get(key) ?? { source, target, tonnes: 0, enterprises: new Set<number>() }
    sum.tonnes += stream.quantityTonnesPerYear
    sum.enterprises.add(stream.enterpriseId)
    sums.set(key, sum)
  }
  let unplaced = 0
  for (const stream of streams) {
    if (!counted(stream, options)) continue
    const section = sectionOf.get(stream.enterpriseId)
    if (section === undefined) {
      unplaced++
      continue
    }
    const chapter = chapterNode(stream.ewcCode.slice(0, 2))
    add(sectorNode(section), chapter, stream)
    add(chapter, routeNode(routeFamily(stream.routeCode)), stream)
  }
  const links: FlowLink[] = [...sums.values()].map((sum) => ({
    source: sum.source,
    target: sum.target,
    tonnesPerYear: sum.tonnes,
    enterpriseCount: sum.enterprises.size,
    hidden:
      sum.enterprises.size < options.minEnterprises
        ? 'primary'
        : options.withheldNodes.has(sum.source) || options.withheldNodes.has(sum.target)
          ? 'secondary'
          : null,
  }))
  return { links: hideLoneBands(links), unplaced }
}

/** The stream conditions the stream list does not apply per stream (see FlowOptions). */
function counted(stream: FlowStream, options: FlowOptions): boolean {
  if (options.yearFrom !== undefined && stream.surveyYear < options.yearFrom) return false
  if (options.yearTo !== undefined && stream.surveyYear > options.yearTo) return false
  if (options.byproduct !== undefined && String(stream.offeredAsByproduct) !== options.byproduct) return false
  const { route } = options
  if (route === undefined) return true
  if (route === 'unknown') return stream.routeCode === null
  if (route === 'R' || route === 'D') return stream.routeCode?.startsWith(route) ?? false
  return stream.routeCode === route
}

const bandKey = (link: FlowLink) => `${link.source}>${link.target}`

function hideLoneBands(input: FlowLink[]): FlowLink[] {
  const links = input.map((link) => ({ ...link }))
  const sides = new Map<string, FlowLink[]>()
  for (const link of links) {
    for (const side of [`out:${link.source}`, `in:${link.target}`]) {
      sides.set(side, [...(sides.get(side) ?? []), link])
    }
  }
  let changed = true
  while (changed) {
    changed = false
    for (const side of sides.values()) {
      if (side.length < 2 || side.filter((link) => link.hidden).length !== 1) continue
      const smallest = side
        .filter((link) => !link.hidden)
        .sort((a, b) => a.tonnesPerYear - b.tonnesPerYear || bandKey(a).localeCompare(bandKey(b)))[0]
      if (smallest) {
        smallest.hidden = 'secondary'
        changed = true
      }
    }
  }
  return links
}
