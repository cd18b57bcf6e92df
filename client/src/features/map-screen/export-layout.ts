import type { LegendSection, LegendSwatch } from './legend-model.js'

/**
 * Where everything goes on the exported picture, in CSS pixels: the title above the map, the
 * legend in a column to its right (so it never hides data), the attribution below. Pure, given a
 * way to measure text, so it is tested without a browser; export-image.ts draws it.
 */
export type Box = { x: number; y: number; width: number; height: number }
export type PlacedText = { text: string; x: number; y: number; font: string; colour: string }
export type PlacedSwatch = { swatch: LegendSwatch; cx: number; cy: number }
export type ExportLayout = {
  width: number
  height: number
  map: Box
  legend: Box
  texts: PlacedText[]
  swatches: PlacedSwatch[]
}
export type MeasureText = (text: string, font: string) => number

export type ExportContent = {
  mapWidth: number
  mapHeight: number
  title: string
  subtitle: string
  footer: string
  legend: readonly LegendSection[]
}

const FAMILY = "system-ui, 'DejaVu Sans', sans-serif"
export const fonts = {
  title: `700 20px ${FAMILY}`,
  subtitle: `400 13px ${FAMILY}`,
  heading: `700 12px ${FAMILY}`,
  item: `400 12px ${FAMILY}`,
  footer: `400 11px ${FAMILY}`,
} as const
const INK = '#1f2a2e'
const MUTED = '#5b666d'
const PAD = 16
const LEGEND_WIDTH = 290
const LINE = 16

export function layoutExport(content: ExportContent, measure: MeasureText): ExportLayout {
  const texts: PlacedText[] = []
  const swatches: PlacedSwatch[] = []
  const width = content.mapWidth + LEGEND_WIDTH
  const textWidth = width - 2 * PAD

  let y = PAD
  for (const line of wrap(content.title, fonts.title, textWidth, measure)) {
    texts.push({ text: line, x: PAD, y: y + 20, font: fonts.title, colour: INK })
    y += 26
  }
  for (const line of wrap(content.subtitle, fonts.subtitle, textWidth, measure)) {
    texts.push({ text: line, x: PAD, y: y + 14, font: fonts.subtitle, colour: MUTED })
    y += LINE + 2
  }
  y += PAD / 2
  const map: Box = { x: 0, y, width: content.mapWidth, height: content.mapHeight }

  // the legend column, top to bottom
  const left = content.mapWidth + PAD
  const columnWidth = LEGEND_WIDTH - 2 * PAD
  let ly = y + PAD
  for (const section of content.legend) {
    const swatchColumn = swatchColumnWidth(section)
    for (const line of wrap(section.title, fonts.heading, columnWidth, measure)) {
      texts.push({ text: line, x: left, y: ly + 12, font: fonts.heading, colour: INK })
      ly += LINE
    }
    ly += 2
    for (const item of section.items) {
      const lines = wrap(item.label, fonts.item, columnWidth - swatchColumn, measure)
      const rowHeight = Math.max(lines.length * LINE, swatchHeight(item.swatch) + 4)
      swatches.push({ swatch: item.swatch, cx: left + (swatchColumn - 6) / 2, cy: ly + rowHeight / 2 })
      const textTop = ly + (rowHeight - lines.length * LINE) / 2
      lines.forEach((line, i) => {
        texts.push({
          text: line,
          x: left + swatchColumn,
          y: textTop + i * LINE + 12,
          font: fonts.item,
          colour: INK,
        })
      })
      ly += rowHeight
    }
    ly += PAD / 2
  }
  const legend: Box = {
    x: content.mapWidth,
    y,
    width: LEGEND_WIDTH,
    height: Math.max(content.mapHeight, ly - y),
  }

  const footerY = y + legend.height + 6
  for (const line of wrap(content.footer, fonts.footer, textWidth, measure)) {
    texts.push({ text: line, x: PAD, y: footerY + 12, font: fonts.footer, colour: MUTED })
  }
  return { width, height: footerY + 22, map, legend, texts, swatches }
}

/** Wide enough for the section's largest swatch, so big circles never run into their labels. */
export function swatchColumnWidth(section: LegendSection): number {
  return Math.max(
    30,
    ...section.items.map((item) => (item.swatch.shape === 'circle' ? item.swatch.radius * 2 + 8 : 0)),
  )
}

function swatchHeight(swatch: LegendSwatch): number {
  return swatch.shape === 'circle' ? swatch.radius * 2 : 14
}

/** Greedy word wrap; a single word wider than the line stays whole. */
export function wrap(text: string, font: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word
    if (current && measure(candidate, font) > maxWidth) {
      lines.push(current)
      current = word
    } else current = candidate
  }
  if (current) lines.push(current)
  return lines
}
