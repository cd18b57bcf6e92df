import * as Plot from '@observablehq/plot'
import { formatNumber, t } from '../../i18n/index.js'
import { type ChartRow, formatTonnes, maxTonnes, withheldText } from './chart-rows.js'

/** High contrast on a projector and in grey print: one strong hue per meaning. */
export const chartColours = {
  bar: '#2f7d6d',
  hazardous: '#b3261e',
  recovery: '#2f7d6d',
  disposal: '#c2571a',
  unknown: '#7b858c',
  withheldBand: '#efece4',
  withheldText: '#4f5a61',
  text: '#1f2a2e',
} as const

const style = {
  fontSize: '15px',
  fontFamily: "system-ui, 'DejaVu Sans', sans-serif",
  color: chartColours.text,
  background: 'transparent',
  overflow: 'visible',
}
const rowHeight = 38

export type BarChartData = {
  rows: ChartRow[]
  minEnterprises: number
  /** The end of the tonnes axis, to share one scale between charts; the largest bar otherwise. */
  xMax?: number
  colourOf?: (row: ChartRow) => string
  /** Overlay each bar's hazardous part. */
  hazardousPart?: boolean
  /** Each bar's share of this total, written after its tonnes. */
  shareOf?: number | null
}

/** Room for the row labels: as much as the longest needs (about 8.6 px a character at 15 px), at most 42 %. */
const labelWidthFor = (width: number, labels: readonly string[]) =>
  Math.min(330, Math.round(width * 0.42), Math.max(60, ...labels.map((label) => label.length * 8.6 + 16)))

/**
 * Horizontal bars of tonnes per year, one row per cell. A withheld cell keeps its row, as a pale
 * band saying why, so a missing bar is never read as zero.
 */
export function barChart(data: BarChartData, width: number): Element {
  const { rows, shareOf } = data
  const published = rows.filter((row) => row.tonnesPerYear !== null)
  const withheld = rows.filter((row) => row.tonnesPerYear === null)
  const xMax = data.xMax ?? maxTonnes(rows)
  const labelWidth = labelWidthFor(
    width,
    rows.map((row) => row.label),
  )
  const valueText = (row: ChartRow) => {
    const tonnes = formatTonnes(row.tonnesPerYear ?? 0)
    return shareOf ? `${tonnes} (${formatNumber(((row.tonnesPerYear ?? 0) / shareOf) * 100)} %)` : tonnes
  }
  const bar = { y: 'label', insetTop: 5, insetBottom: 5 }
  const marginRight = shareOf ? 150 : 100
  // with every row withheld there is no scale to read: no axis rather than a 0–1 one
  const axis = xMax > 0
  return Plot.plot({
    width,
    height: (axis ? 50 : 10) + rows.length * rowHeight,
    marginLeft: labelWidth,
    marginRight,
    marginTop: axis ? 44 : 4,
    style,
    x: {
      domain: [0, xMax || 1],
      label: t('dashboard.unit.tonnesAxis'),
      axis: axis ? 'top' : null,
      grid: axis,
      ticks: Math.max(1, Math.floor((width - labelWidth - marginRight) / 110)),
      tickFormat: (value: number) => formatNumber(value),
    },
    y: { domain: rows.map((row) => row.label), axis: null },
    marks: [
      Plot.axisY({ tickSize: 0, label: null, lineWidth: (labelWidth - 12) / 15, textOverflow: 'ellipsis' }),
      Plot.barX(withheld, { ...bar, x1: 0, x2: xMax || 1, fill: chartColours.withheldBand }),
      Plot.barX(published, {
        ...bar,
        x: 'tonnesPerYear',
        fill: (row: ChartRow) => data.colourOf?.(row) ?? chartColours.bar,
      }),
      data.hazardousPart
        ? Plot.barX(published, { ...bar, x: 'hazardousTonnesPerYear', fill: chartColours.hazardous })
        : null,
      Plot.text(published, { x: 'tonnesPerYear', y: 'label', text: valueText, textAnchor: 'start', dx: 6 }),
      Plot.text(withheld, {
        x: 0,
        y: 'label',
        text: (row: ChartRow) => withheldText(row.suppressed, data.minEnterprises),
        textAnchor: 'start',
        dx: 8,
        fill: chartColours.withheldText,
        fontStyle: 'italic',
        lineWidth: (width - labelWidth - 40) / 15,
        textOverflow: 'ellipsis',
      }),
      Plot.ruleX([0]),
    ],
  })
}

export type CompareRow = ChartRow & { area: string }

export type CompareChartData = {
  rows: CompareRow[]
  areas: string[]
  labels: string[]
}

/**
 * The same breakdown of several areas in panels side by side, on one tonnes scale and one row
 * order, so bars can be compared across panels.
 */
export function compareChart({ rows, areas, labels }: CompareChartData, width: number): Element {
  const published = rows.filter((row) => row.tonnesPerYear !== null)
  const withheld = rows.filter((row) => row.tonnesPerYear === null)
  const xMax = maxTonnes(rows) || 1
  const labelWidth = labelWidthFor(width * 0.9, labels)
  const panel = { y: 'label', fx: 'area', insetTop: 5, insetBottom: 5 }
  const tooltip = (row: CompareRow) => `${row.area}, ${row.label}: ${formatTonnes(row.tonnesPerYear ?? 0)} t`
  return Plot.plot({
    width,
    height: 70 + labels.length * rowHeight,
    marginLeft: labelWidth,
    marginTop: 60,
    marginRight: 20,
    marginBottom: 60,
    style,
    fx: { domain: areas, label: null, axis: 'top', padding: 0.12 },
    x: {
      domain: [0, xMax],
      label: t('dashboard.unit.tonnesAxis'),
      labelOffset: 50,
      axis: 'bottom',
      grid: true,
      ticks: Math.max(2, Math.floor((width - labelWidth) / areas.length / 110)),
      tickFormat: (value: number) => formatNumber(value),
    },
    y: { domain: labels, axis: null },
    marks: [
      Plot.axisY({ tickSize: 0, label: null, lineWidth: (labelWidth - 12) / 15, textOverflow: 'ellipsis' }),
      Plot.barX(withheld, { ...panel, x1: 0, x2: xMax, fill: chartColours.withheldBand }),
      Plot.barX(published, { ...panel, x: 'tonnesPerYear', fill: chartColours.bar, title: tooltip }),
      Plot.text(withheld, {
        ...panel,
        x: 0,
        text: () => t('dashboard.withheld.short'),
        textAnchor: 'start',
        dx: 6,
        fill: chartColours.withheldText,
        fontStyle: 'italic',
      }),
      Plot.ruleX([0]),
    ],
  })
}
