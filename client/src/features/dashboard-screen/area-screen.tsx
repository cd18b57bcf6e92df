import type { AreaGeometry } from '@contract/geojson.js'
import { useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { t } from '../../i18n/index.js'
import { AreaDrawMap } from './area-draw-map.js'
import { Breakdowns } from './breakdowns.js'
import { DashboardPage } from './dashboard-page.js'
import { DisclosureNote } from './disclosure-note.js'
import { HeadlineCards } from './headline-cards.js'
import { SurveyYearLine } from './survey-year-line.js'
import { useDashboardQuery } from './use-dashboard-query.js'

/** The breakdowns a drawn area shows. */
const areaBreakdowns = ['chapters', 'routes', 'sectors'] as const

/** `/dashboard/area`: draw an area on the map and read the totals of the enterprises inside it. */
export function AreaScreen() {
  const [query, update] = useDashboardQuery()
  const regions = useApi(api.regions)
  const [geometry, setGeometry] = useState<AreaGeometry>()
  const [clearToken, setClearToken] = useState(0)
  const { year, yearFrom, yearTo } = query
  const totals = useApi(
    () => (geometry ? api.areaAggregate({ geometry, year, yearFrom, yearTo }) : Promise.resolve(undefined)),
    JSON.stringify([geometry, year, yearFrom, yearTo]),
  )
  const response = totals.status === 'ready' ? totals.data : undefined
  const area = response?.areas[0]
  const k = response?.disclosure.minEnterprises ?? 0
  return (
    <DashboardPage
      testId="area"
      title={t('dashboard.area.title')}
      query={query}
      update={update}
      after={
        <button type="button" onClick={() => setClearToken((n) => n + 1)} disabled={!geometry}>
          {t('dashboard.area.clear')}
        </button>
      }
    >
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
      {response && area && (
        <section data-testid="area-totals" aria-label={t('dashboard.area.name')}>
          <SurveyYearLine area={area} chosen={query.year} />
          <DisclosureNote disclosure={response.disclosure} />
          <HeadlineCards area={area} minEnterprises={k} />
          <div className="dashboard-grid">
            {/* a drawn area is no region, so it has no export of its own */}
            <Breakdowns area={area} minEnterprises={k} request={undefined} only={areaBreakdowns} />
          </div>
        </section>
      )}
    </DashboardPage>
  )
}
