import type { AreaGeometry } from '@contract/geojson.js'
import { useMemo, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { t } from '../../i18n/index.js'
import { AreaDrawMap } from './area-draw-map.js'
import { BreakdownCard } from './breakdown-card.js'
import { breakdownData } from './breakdowns.js'
import { YearRange } from './dashboard-controls.js'
import { DashboardTabs } from './dashboard-tabs.js'
import { DisclosureNote } from './disclosure-note.js'
import { HeadlineCards } from './headline-cards.js'
import { useDashboardQuery } from './use-dashboard-query.js'

/** `/dashboard/area`: draw an area on the map and read the totals of the enterprises inside it. */
export function AreaScreen() {
  const [query, update] = useDashboardQuery()
  const regions = useApi(api.regions)
  const [geometry, setGeometry] = useState<AreaGeometry>()
  const [clearToken, setClearToken] = useState(0)
  const { yearFrom, yearTo } = query
  const totals = useApi(
    () => (geometry ? api.areaAggregate({ geometry, yearFrom, yearTo }) : Promise.resolve(undefined)),
    JSON.stringify([geometry, yearFrom, yearTo]),
  )
  const response = totals.status === 'ready' ? totals.data : undefined
  const area = response?.areas[0]
  const k = response?.disclosure.minEnterprises ?? 0
  const charts = useMemo(() => (area ? breakdownData(area, k) : undefined), [area, k])
  return (
    <div className="page dashboard-page" data-testid="area">
      <DashboardTabs query={query} />
      <header className="dashboard-header">
        <h2>{t('dashboard.area.title')}</h2>
        <div className="dashboard-controls">
          <YearRange query={query} update={update} />
          <button type="button" onClick={() => setClearToken((n) => n + 1)} disabled={!geometry}>
            {t('dashboard.area.clear')}
          </button>
        </div>
      </header>
      <p className="dashboard-note">{t('dashboard.area.hint')}</p>
      <AreaDrawMap
        regions={regions.status === 'ready' ? regions.data : undefined}
        clearToken={clearToken}
        onChange={setGeometry}
      />
      {!geometry && <p className="muted">{t('dashboard.area.none')}</p>}
      {geometry && totals.status === 'loading' && <p className="muted">{t('dashboard.loading')}</p>}
      {totals.status === 'failed' && (
        <p className="error" role="alert">
          {t('dashboard.area.failed', { message: totals.message })}
        </p>
      )}
      {response && area && charts && (
        <section data-testid="area-totals" aria-label={t('dashboard.area.name')}>
          <DisclosureNote disclosure={response.disclosure} />
          <HeadlineCards area={area} minEnterprises={k} />
          <div className="dashboard-grid">
            <BreakdownCard
              title={t('dashboard.chart.chapters')}
              data={charts.chapters}
              note={t('dashboard.chart.chaptersNote')}
              wide
              testId="chart-chapters"
            />
            <BreakdownCard title={t('dashboard.chart.routes')} data={charts.routes} testId="chart-routes" />
            <BreakdownCard
              title={t('dashboard.chart.sectors')}
              data={charts.sectors}
              testId="chart-sectors"
            />
          </div>
        </section>
      )}
    </div>
  )
}
