import { useSearchParams } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { DemoBanner } from '../../components/demo-banner.js'
import { t } from '../../i18n/index.js'
import { MapView } from '../../map/map-view.js'
import { EnterpriseCard } from './enterprise-card.js'
import { MapLegend } from './map-legend.js'
import { RegionList } from './region-list.js'

/** The demo region and its enterprises on the map; the region and selection live in the URL. */
export function MapScreen() {
  const [params, setParams] = useSearchParams()
  const regionId = positiveInt(params.get('region'))
  const selectedId = positiveInt(params.get('enterprise'))

  const regions = useApi(api.regions)
  const enterprises = useApi(() => api.enterprises(regionId ? { regionId } : {}), `region=${regionId ?? ''}`)

  const setParam = (name: string, value: number | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      if (value === undefined) next.delete(name)
      else next.set(name, String(value))
      return next
    })

  const regionData = regions.status === 'ready' ? regions.data : undefined
  const enterpriseData = enterprises.status === 'ready' ? enterprises.data : undefined
  const selected = enterpriseData?.features.find((f) => f.properties.id === selectedId)
  const showsDemo =
    regionData?.features.some((f) => f.properties.isDemo) ||
    enterpriseData?.features.some((f) => f.properties.isDemo)

  return (
    <div className="map-screen">
      <aside className="side-panel">
        {showsDemo && <DemoBanner />}
        <h2>{t('map.regions')}</h2>
        {regions.status === 'loading' && <p>{t('map.loading')}</p>}
        {regions.status === 'failed' && (
          <p className="error">{t('error.generic', { message: regions.message })}</p>
        )}
        {regionData && (
          <RegionList regions={regionData} selectedId={regionId} onSelect={(id) => setParam('region', id)} />
        )}
        {enterpriseData && (
          <p data-testid="enterprise-count">
            {t('map.enterprises', { count: enterpriseData.features.length })}
          </p>
        )}
        {selected && (
          <EnterpriseCard enterprise={selected} onClose={() => setParam('enterprise', undefined)} />
        )}
        <MapLegend />
      </aside>
      <MapView
        regions={regionData}
        enterprises={enterpriseData}
        onSelectEnterprise={(id) => setParam('enterprise', id)}
      />
    </div>
  )
}

function positiveInt(value: string | null): number | undefined {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : undefined
}
