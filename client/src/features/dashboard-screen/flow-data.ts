import type { AreaAggregate } from '@contract/aggregates.js'
import { type AggregateFilterParams, api } from '../../api/endpoints.js'
import { chapterNode, type FlowStream, routeNode, sectorNode } from './sankey-flows.js'

// The stream list's largest page; a region with more streams is drawn from the first page and says so.
const pageSize = 10_000

export type FlowSource = {
  streams: FlowStream[]
  /** NACE section of each enterprise, by id. */
  sections: Map<number, string>
  /** Streams matching the filters in the region; more than `streams.length` when truncated. */
  total: number
}

/** A region's waste streams and its enterprises' sectors, the input of the flow diagram. */
export async function loadFlowSource(regionId: number, filters: AggregateFilterParams): Promise<FlowSource> {
  const [streams, enterprises] = await Promise.all([
    api.wasteStreams({ regionId, limit: pageSize, ...filters }),
    api.enterprises({ regionId, limit: pageSize }),
  ])
  return {
    streams: streams.items,
    sections: new Map(enterprises.features.map((f) => [f.properties.id, f.properties.naceSection])),
    total: streams.total,
  }
}

/** Nodes whose totals the API withheld: no band may touch them (see buildFlows). */
export function withheldNodes(area: AreaAggregate): Set<string> {
  const withheld = (cells: AreaAggregate['byRoute'], node: (key: string) => string) =>
    cells.filter((cell) => cell.suppressed).map((cell) => node(cell.key))
  return new Set([
    ...withheld(area.byNaceSection, sectorNode),
    ...withheld(area.byEwcChapter, chapterNode),
    ...withheld(area.byRoute, routeNode),
  ])
}
