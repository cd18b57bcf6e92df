import type { RegionCollection } from '@contract/regions.js'
import { useMemo } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { t } from '../../i18n/index.js'
import { compareChart } from './bar-charts.js'
import { ChartCard } from './chart-card.js'
import { compareRows, rowLabels } from './chart-rows.js'
import { CompareTable } from './compare-table.js'
import { PrintButton } from './dashboard-controls.js'
import { DashboardPage } from './dashboard-page.js'
import { aggregateRequestOf, type DashboardQuery, requestKey } from './dashboard-query.js'
import { DisclosureNote } from './disclosure-note.js'
import { ExportLinks } from './export-links.js'
import { FilterLine } from './filter-line.js'
import { PlotFigure } from './plot-figure.js'
import { useDashboardQuery } from './use-dashboard-query.js'

/** `/dashboard/compare?regionId=1&regionId=2…`: regions side by side on one scale. */
export function CompareScreen() {
  const [query, update] = useDashboardQuery()
  const regions = useApi(api.regions)
  const request = aggregateRequestOf(query)
  const enough = query.regionIds.length >= 2
  const totals = useApi(
    () => (enough ? api.aggregates(request) : Promise.resolve(undefined)),
    requestKey(request),
  )
  const response = totals.status === 'ready' ? totals.data : undefined
  const chart = useMemo(() => {
    if (!response) return undefined
    const areas = response.areas.map((area) => ({ name: area.area.name ?? '', cells: area.byEwcChapter }))
    const { rows, labels } = compareRows(areas, rowLabels.chapter)
    return { rows, labels, areas: areas.map((area) => area.name) }
  }, [response])
  const title = t('dashboard.compare.chapters')
  return (
    <DashboardPage
      testId="compare"
      title={t('dashboard.compare.title')}
      query={query}
      update={update}
      after={<PrintButton />}
    >
      {regions.status === 'ready' && <RegionChecklist regions={regions.data} query={query} update={update} />}
      <FilterLine filters={query.filters} />
      {!enough && <p className="muted">{t('dashboard.compare.pickTwo')}</p>}
      {totals.status === 'loading' && <p className="muted">{t('dashboard.loading')}</p>}
      {totals.status === 'failed' && (
        <p className="error">{t('error.generic', { message: totals.message })}</p>
      )}
      {response && chart && (
        <>
          <DisclosureNote disclosure={response.disclosure} />
          <div className="dashboard-grid">
            <ChartCard
              title={t('dashboard.compare.figures')}
              wide
              testId="compare-figures"
              actions={<ExportLinks request={request} table="totals" title={t('dashboard.exportTotals')} />}
            >
              <CompareTable areas={response.areas} minEnterprises={response.disclosure.minEnterprises} />
            </ChartCard>
            <ChartCard
              title={title}
              wide
              testId="compare-chapters"
              note={t('dashboard.compare.footnote', { k: response.disclosure.minEnterprises })}
              actions={<ExportLinks request={request} table="byEwcChapter" title={title} />}
            >
              <PlotFigure data={chart} render={compareChart} label={t('dashboard.chart.label', { title })} />
            </ChartCard>
          </div>
        </>
      )}
    </DashboardPage>
  )
}

type ChecklistProps = {
  regions: RegionCollection
  query: DashboardQuery
  update: (change: Partial<DashboardQuery>) => void
}

function RegionChecklist({ regions, query, update }: ChecklistProps) {
  const toggle = (id: number, on: boolean) =>
    update({ regionIds: on ? [...query.regionIds, id] : query.regionIds.filter((other) => other !== id) })
  return (
    <fieldset className="dashboard-checklist">
      <legend>{t('dashboard.compare.pick')}</legend>
      {regions.features.map(({ properties: region }) => (
        <label key={region.id}>
          <input
            type="checkbox"
            checked={query.regionIds.includes(region.id)}
            onChange={(event) => toggle(region.id, event.target.checked)}
          />
          {region.name}
        </label>
      ))}
    </fieldset>
  )
}
