import type { AreaAggregate } from '@contract/aggregates.js'
import { useMemo } from 'react'
import type { AggregateRequest, AggregateTable } from '../../api/endpoints.js'
import type { MessageKey } from '../../i18n/en.js'
import { t } from '../../i18n/index.js'
import { type BarChartData, chartColours } from './bar-charts.js'
import { BreakdownCard } from './breakdown-card.js'
import { chartRows, rowLabels } from './chart-rows.js'

type Breakdown = keyof ReturnType<typeof breakdownData>

type BreakdownsProps = {
  area: AreaAggregate
  minEnterprises: number
  /** The request the exports repeat; undefined for a drawn area, which has none. */
  request: AggregateRequest | undefined
  /** The breakdowns shown, in this order; every one by default. */
  only?: readonly Breakdown[]
}

type Card = { title: MessageKey; table: AggregateTable; note?: MessageKey; wide?: true; testId: string }

/** Each breakdown's card, in the order a region shows them. */
const cards: Record<Breakdown, Card> = {
  chapters: {
    title: 'dashboard.chart.chapters',
    table: 'byEwcChapter',
    note: 'dashboard.chart.chaptersNote',
    wide: true,
    testId: 'chart-chapters',
  },
  routes: { title: 'dashboard.chart.routes', table: 'byRoute', testId: 'chart-routes' },
  sectors: { title: 'dashboard.chart.sectors', table: 'byNaceSection', testId: 'chart-sectors' },
  years: { title: 'dashboard.chart.years', table: 'byYear', testId: 'chart-years' },
  topStreams: {
    title: 'dashboard.chart.topStreams',
    table: 'topStreams',
    note: 'dashboard.chart.chaptersNote',
    testId: 'chart-top-streams',
  },
}

const routeColours: Record<string, string> = {
  recovery: chartColours.recovery,
  disposal: chartColours.disposal,
  unknown: chartColours.unknown,
}

/** The bar charts of a region: by EWC chapter, route, sector, year and the largest entries. */
export function Breakdowns({ area, minEnterprises, request, only }: BreakdownsProps) {
  const charts = useMemo(() => breakdownData(area, minEnterprises), [area, minEnterprises])
  const shown = only ?? (Object.keys(cards) as Breakdown[])
  return shown.map((breakdown) => {
    const { title, table, note, wide, testId } = cards[breakdown]
    return (
      <BreakdownCard
        key={breakdown}
        request={request}
        title={t(title)}
        table={table}
        data={charts[breakdown]}
        note={note && t(note)}
        wide={wide}
        testId={testId}
      />
    )
  })
}

/** The chart data of each breakdown. */
export function breakdownData(area: AreaAggregate, minEnterprises: number) {
  const chart = (rows: BarChartData['rows'], extra: Partial<BarChartData> = {}): BarChartData => ({
    rows,
    minEnterprises,
    ...extra,
  })
  return {
    chapters: chart(chartRows(area.byEwcChapter, rowLabels.chapter, 'byTonnes'), { hazardousPart: true }),
    routes: chart(chartRows(area.byRoute, rowLabels.route, 'asGiven'), {
      colourOf: (row) => routeColours[row.key] ?? chartColours.unknown,
      shareOf: area.totals.tonnesPerYear,
    }),
    sectors: chart(chartRows(area.byNaceSection, rowLabels.section, 'byTonnes')),
    years: chart(chartRows(area.byYear, rowLabels.year, 'asGiven')),
    topStreams: chart(chartRows(area.topStreams, rowLabels.entry, 'byTonnes'), { hazardousPart: true }),
  }
}
