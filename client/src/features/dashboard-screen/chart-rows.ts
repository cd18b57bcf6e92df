import type { AggregateCell } from '@contract/aggregates.js'
import { formatEwcCode } from '@contract/codes.js'
import { formatNumber, t } from '../../i18n/index.js'
import { shortTitle } from '../map-screen/catalog-titles.js'

export type Suppression = AggregateCell['suppressed']

/** One bar: a published cell has its tonnes, a withheld one has null and the reason. */
export type ChartRow = {
  key: string
  label: string
  tonnesPerYear: number | null
  hazardousTonnesPerYear: number | null
  enterpriseCount: number | null
  suppressed: Suppression
}

/** How a breakdown's keys read on an axis. */
export const rowLabels = {
  chapter: (cell: AggregateCell) => `${cell.key} ${shortTitle(cell.label ?? '', 34)}`.trim(),
  section: (cell: AggregateCell) => `${cell.key} ${shortTitle(cell.label ?? '', 30)}`.trim(),
  route: (cell: AggregateCell) => routeLabel(cell.key),
  year: (cell: AggregateCell) => cell.key,
  entry: (cell: AggregateCell) => `${formatEwcCode(cell.key)} ${shortTitle(cell.label ?? '', 30)}`.trim(),
} as const

export function routeLabel(key: string): string {
  if (key === 'recovery') return t('dashboard.route.recovery')
  if (key === 'disposal') return t('dashboard.route.disposal')
  return t('dashboard.route.unknown')
}

/**
 * Cells as chart rows. With `byTonnes` the published cells come largest first and the withheld
 * ones after them, by key: the API lists cells by their true tonnes even when it withholds them,
 * so keeping its order would tell the public how large a withheld cell is. Otherwise (routes,
 * years) the given order is kept, which says nothing about size.
 */
export function chartRows(
  cells: readonly AggregateCell[],
  labelOf: (cell: AggregateCell) => string,
  order: 'byTonnes' | 'asGiven',
): ChartRow[] {
  const rows = cells.map((cell) => ({
    key: cell.key,
    label: labelOf(cell),
    tonnesPerYear: cell.suppressed ? null : cell.tonnesPerYear,
    hazardousTonnesPerYear: cell.suppressed ? null : cell.hazardousTonnesPerYear,
    enterpriseCount: cell.suppressed ? null : cell.enterpriseCount,
    suppressed: cell.suppressed,
  }))
  if (order === 'asGiven') return rows
  const published = rows.filter((row) => row.tonnesPerYear !== null)
  const withheld = rows.filter((row) => row.tonnesPerYear === null)
  published.sort((a, b) => (b.tonnesPerYear ?? 0) - (a.tonnesPerYear ?? 0) || a.key.localeCompare(b.key))
  withheld.sort((a, b) => a.key.localeCompare(b.key))
  return [...published, ...withheld]
}

/** Why a figure is not shown, in words a council member can read. */
export function withheldText(suppressed: Suppression, minEnterprises: number): string {
  if (suppressed === 'primary') return t('dashboard.withheld.primary', { k: minEnterprises })
  if (suppressed === 'secondary') return t('dashboard.withheld.secondary')
  return ''
}

/** The largest published tonnes of some rows (0 when none), for a shared scale. */
export function maxTonnes(rows: readonly ChartRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.tonnesPerYear ?? 0), 0)
}

/** `12,345.6 t/year`. */
export function tonnesText(value: number): string {
  return t('dashboard.unit.tonnes', { value: formatTonnes(value) })
}

/** Tonnes to a precision that reads: whole tonnes from 100 up, one decimal below. */
export function formatTonnes(value: number): string {
  return formatNumber(Math.abs(value) >= 100 ? Math.round(value) : value)
}

/**
 * Rows of several areas for side-by-side panels: one row order for all, by the tonnes published
 * across the areas, then rows withheld everywhere, by key.
 */
export function compareRows(
  areas: readonly { name: string; cells: readonly AggregateCell[] }[],
  labelOf: (cell: AggregateCell) => string,
): { rows: (ChartRow & { area: string })[]; labels: string[] } {
  const rows = areas.flatMap(({ name, cells }) =>
    chartRows(cells, labelOf, 'asGiven').map((row) => ({ ...row, area: name })),
  )
  const published = new Map<string, number>()
  for (const row of rows) published.set(row.label, (published.get(row.label) ?? 0) + (row.tonnesPerYear ?? 0))
  const keyOf = new Map(rows.map((row) => [row.label, row.key]))
  const labels = [...published.keys()].sort(
    (a, b) =>
      (published.get(b) ?? 0) - (published.get(a) ?? 0) ||
      (keyOf.get(a) ?? '').localeCompare(keyOf.get(b) ?? ''),
  )
  return { rows, labels }
}
