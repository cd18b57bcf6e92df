import type { AreaAggregate } from '@contract/aggregates.js'
import { useMemo } from 'react'
import type { AggregateRequest } from '../../api/endpoints.js'
import { t } from '../../i18n/index.js'
import { type BarChartData, chartColours } from './bar-charts.js'
import { BreakdownCard } from './breakdown-card.js'
import { chartRows, rowLabels } from './chart-rows.js'

type BreakdownsProps = { area: AreaAggregate; minEnterprises: number; request: AggregateRequest | undefined }

const routeColours: Record<string, string> = {
  recovery: chartColours.recovery,
  disposal: chartColours.disposal,
  unknown: chartColours.unknown,
}

/** The bar charts of a region: by EWC chapter, route, sector, year and the largest entries. */
export function Breakdowns({ area, minEnterprises, request }: BreakdownsProps) {
  const charts = useMemo(() => breakdownData(area, minEnterprises), [area, minEnterprises])
  const common = { request }
  return (
    <>
      <BreakdownCard
        {...common}
        title={t('dashboard.chart.chapters')}
        table="byEwcChapter"
        data={charts.chapters}
        note={t('dashboard.chart.chaptersNote')}
        wide
        testId="chart-chapters"
      />
      <BreakdownCard
        {...common}
        title={t('dashboard.chart.routes')}
        table="byRoute"
        data={charts.routes}
        testId="chart-routes"
      />
      <BreakdownCard
        {...common}
        title={t('dashboard.chart.sectors')}
        table="byNaceSection"
        data={charts.sectors}
        testId="chart-sectors"
      />
      <BreakdownCard
        {...common}
        title={t('dashboard.chart.years')}
        table="byYear"
        data={charts.years}
        testId="chart-years"
      />
      <BreakdownCard
        {...common}
        title={t('dashboard.chart.topStreams')}
        table="topStreams"
        data={charts.topStreams}
        note={t('dashboard.chart.chaptersNote')}
        testId="chart-top-streams"
      />
    </>
  )
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
