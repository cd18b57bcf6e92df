/** A band to place: only the visible ones are laid out. */
export type SankeyInput = { source: string; target: string; tonnesPerYear: number }

export type SankeyNode = {
  id: string
  column: number
  x: number
  y: number
  height: number
  tonnesPerYear: number
}

export type SankeyBand = SankeyInput & {
  /** Band thickness. */
  width: number
  /** Centre line, from the source's right edge to the target's left edge. */
  x0: number
  y0: number
  x1: number
  y1: number
}

export type SankeyFrame = {
  height: number
  nodeWidth: number
  /** Vertical space between nodes of a column. */
  gap: number
  /** x of each column's nodes. */
  columnX: readonly number[]
}

/**
 * Places a layered flow diagram (d3-sankey's idea, for a fixed number of columns): a node is as
 * tall as the larger of what flows in and out, nodes stack down their column in `order`, one
 * scale (tonnes → pixels) for all columns so equal flows are equally thick, and each band leaves
 * and enters its nodes in the order of the nodes at its other end, so bands do not cross there.
 */
export function layoutSankey(
  bands: readonly SankeyInput[],
  columnOf: (id: string) => number,
  order: (a: SankeyNode, b: SankeyNode) => number,
  frame: SankeyFrame,
): { nodes: SankeyNode[]; bands: SankeyBand[] } {
  const flowIn = new Map<string, number>()
  const flowOut = new Map<string, number>()
  for (const band of bands) {
    flowOut.set(band.source, (flowOut.get(band.source) ?? 0) + band.tonnesPerYear)
    flowIn.set(band.target, (flowIn.get(band.target) ?? 0) + band.tonnesPerYear)
  }
  const ids = [...new Set(bands.flatMap((band) => [band.source, band.target]))]
  const nodes: SankeyNode[] = ids.map((id) => ({
    id,
    column: columnOf(id),
    x: frame.columnX[columnOf(id)] ?? 0,
    y: 0,
    height: 0,
    tonnesPerYear: Math.max(flowIn.get(id) ?? 0, flowOut.get(id) ?? 0),
  }))
  const columns = [...new Set(nodes.map((node) => node.column))].map((column) =>
    nodes.filter((node) => node.column === column).sort(order),
  )
  const scale = Math.min(
    ...columns.map((column) => {
      const tonnes = column.reduce((sum, node) => sum + node.tonnesPerYear, 0)
      return tonnes > 0 ? (frame.height - frame.gap * (column.length - 1)) / tonnes : Infinity
    }),
  )
  const pixels = Number.isFinite(scale) ? scale : 0
  for (const column of columns) {
    let y = 0
    for (const node of column) {
      node.y = y
      node.height = node.tonnesPerYear * pixels
      y += node.height + frame.gap
    }
  }
  const byId = new Map(nodes.map((node) => [node.id, node]))
  const placed = bands.map((band) => ({
    band,
    source: byId.get(band.source)!,
    target: byId.get(band.target)!,
  }))
  const outOffset = new Map<string, number>()
  const inOffset = new Map<string, number>()
  const shapes = new Map<SankeyInput, SankeyBand>()
  for (const { band, source, target } of [...placed].sort((a, b) => a.target.y - b.target.y)) {
    const width = band.tonnesPerYear * pixels
    const offset = outOffset.get(source.id) ?? 0
    outOffset.set(source.id, offset + width)
    shapes.set(band, {
      ...band,
      width,
      x0: source.x + frame.nodeWidth,
      y0: source.y + offset + width / 2,
      x1: target.x,
      y1: 0,
    })
  }
  for (const { band, target } of [...placed].sort((a, b) => a.source.y - b.source.y)) {
    const shape = shapes.get(band)!
    const offset = inOffset.get(target.id) ?? 0
    inOffset.set(target.id, offset + shape.width)
    shape.y1 = target.y + offset + shape.width / 2
  }
  return { nodes, bands: bands.map((band) => shapes.get(band)!) }
}

/** The SVG path of a band's centre line; drawn with stroke-width = its width. */
export function bandPath({ x0, y0, x1, y1 }: SankeyBand): string {
  const middle = (x0 + x1) / 2
  return `M${x0},${y0}C${middle},${y0} ${middle},${y1} ${x1},${y1}`
}
