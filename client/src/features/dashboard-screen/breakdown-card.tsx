import type { AggregateRequest, AggregateTable } from '../../api/endpoints.js'
import { t } from '../../i18n/index.js'
import { type BarChartData, barChart } from './bar-charts.js'
import { ChartCard } from './chart-card.js'
import { ExportLinks } from './export-links.js'
import { PlotFigure } from './plot-figure.js'

type BreakdownCardProps = {
  title: string
  data: BarChartData
  /** The export table behind the chart; none for a drawn area (the export takes regions). */
  table?: AggregateTable
  request?: AggregateRequest
  note?: string
  wide?: boolean
  testId: string
}

/** A titled bar chart of one breakdown, with its CSV / Excel downloads. */
export function BreakdownCard({ title, data, table, request, note, wide, testId }: BreakdownCardProps) {
  return (
    <ChartCard
      title={title}
      wide={wide}
      testId={testId}
      note={note}
      actions={table && request && <ExportLinks request={request} table={table} title={title} />}
    >
      {data.rows.length === 0 ? (
        <p className="muted">{t('dashboard.chart.empty')}</p>
      ) : (
        <PlotFigure data={data} render={barChart} label={t('dashboard.chart.label', { title })} />
      )}
    </ChartCard>
  )
}
