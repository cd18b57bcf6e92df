import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { DemoBanner } from '../../components/demo-banner.js'
import { t } from '../../i18n/index.js'
import { PrintButton, RegionSelect } from './dashboard-controls.js'
import { DashboardPage } from './dashboard-page.js'
import { aggregateRequestOf, requestKey } from './dashboard-query.js'
import { RegionDashboard } from './region-dashboard.js'
import { useDashboardQuery } from './use-dashboard-query.js'

/** `/dashboard?regionId=…`: one region's totals, charts, flows, outlet gap and map. */
export function DashboardScreen() {
  const [query, update] = useDashboardQuery()
  const regions = useApi(api.regions)
  const regionId = query.regionIds[0]
  const request = aggregateRequestOf(query, regionId === undefined ? [] : [regionId])
  const totals = useApi(
    () => (regionId === undefined ? Promise.resolve(undefined) : api.aggregates(request)),
    requestKey(request),
  )
  const regionData = regions.status === 'ready' ? regions.data : undefined
  const region = regionData?.features.find((feature) => feature.properties.id === regionId)
  return (
    <DashboardPage
      testId="dashboard"
      title={region ? region.properties.name : t('dashboard.title')}
      query={query}
      update={update}
      before={regionData && <RegionSelect regions={regionData} regionId={regionId} update={update} />}
      after={<PrintButton />}
    >
      {region?.properties.isDemo && <DemoBanner />}
      {regions.status === 'failed' && (
        <p className="error">{t('error.generic', { message: regions.message })}</p>
      )}
      {regionData?.features.length === 0 && <p className="muted">{t('dashboard.noRegions')}</p>}
      {regionId === undefined && regionData && regionData.features.length > 0 && (
        <p className="muted">{t('dashboard.pickRegion')}</p>
      )}
      {regionId !== undefined && totals.status === 'loading' && (
        <p className="muted">{t('dashboard.loading')}</p>
      )}
      {totals.status === 'failed' && (
        <p className="error">{t('error.generic', { message: totals.message })}</p>
      )}
      {regionId !== undefined && totals.status === 'ready' && totals.data?.areas[0] && (
        <RegionDashboard
          regionId={regionId}
          response={totals.data}
          area={totals.data.areas[0]}
          query={query}
          update={update}
          regions={regionData}
        />
      )}
    </DashboardPage>
  )
}
