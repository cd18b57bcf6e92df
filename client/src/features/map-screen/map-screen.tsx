import type { Enterprise } from '@contract/enterprises.js'
import type { RegionCollection, RegionLevel } from '@contract/regions.js'
import { useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { DemoBanner } from '../../components/demo-banner.js'
import { t } from '../../i18n/index.js'
import { useSession } from '../session/use-session.js'
import { boundsOfRegions } from '../../map/bounds.js'
import { classBreaks } from '../../map/class-breaks.js'
import { MapView, type MapHandle } from '../../map/map-view.js'
import type { RenderedSummary } from '../../map/rendered-summary.js'
import { DisplayPanel } from './display-panel.js'
import { shownSurveyYear, useSurveyYears } from './survey-year.js'
import { EnterpriseDrawer } from './enterprise-drawer.js'
import { ExportButton } from './export-button.js'
import { FilterPanel } from './filter-panel.js'
import { buildLegend } from './legend-model.js'
import { MapLegend } from './map-legend.js'
import { roundCamera } from './map-url-state.js'
import { RegionTotals } from './region-totals.js'
import { useCatalogTitles } from './use-catalog-titles.js'
import { useMapUrl } from './use-map-url.js'
import { describeView } from './view-description.js'

/**
 * The waste map explorer. React owns the state (all of it in the URL: camera, filters, display,
 * selection); MapView owns the MapLibre instance and reports back what it drew.
 */
export function MapScreen() {
  const [state, update] = useMapUrl()
  const { selectedRegionId } = state
  // the public and enterprise users get clusters only: no single enterprise to open, and no
  // search by name (which would single one out)
  const { can } = useSession()
  const enterpriseId = can.seeSingleEnterprises ? state.enterpriseId : undefined
  const filters = useMemo(() => {
    if (can.seeSingleEnterprises || state.filters.q === undefined) return state.filters
    const { q: _name, ...others } = state.filters
    return others
  }, [can.seeSingleEnterprises, state.filters])
  const config = useApi(api.mapConfig)
  // the year the map shows, for the drawer to open on (the legend names it from the same answer)
  const surveyYears = useSurveyYears(filters)
  const regions = useApi(api.regions)
  const titles = useCatalogTitles()
  const enterprise = useApi<Enterprise | undefined>(
    () => (enterpriseId ? api.enterprise(enterpriseId) : Promise.resolve(undefined)),
    String(enterpriseId ?? ''),
  )
  const [summary, setSummary] = useState<RenderedSummary>()
  const mapHandle = useRef<MapHandle>(null)

  const regionData = regions.status === 'ready' ? regions.data : undefined
  const levels = useMemo(() => levelsPresent(regionData), [regionData])
  const regionLevel = state.display.regionLevel ?? levels[0]
  const display = useMemo(() => ({ ...state.display, regionLevel }), [state.display, regionLevel])
  const levelRegions = useMemo(
    () => (summary?.regions ?? []).filter((region) => region.level === regionLevel),
    [summary, regionLevel],
  )
  const breaksKey = display.measure
    ? JSON.stringify(classBreaks(levelRegions.flatMap((region) => region[display.measure!] ?? [])))
    : '[]'
  const breaks = useMemo(() => JSON.parse(breaksKey) as number[], [breaksKey])

  // `/?enterprise=id` with no camera in the URL: centre on the enterprise once it is loaded.
  const urlHadCamera = useRef(state.camera !== undefined)
  const centred = useRef(false)
  const waitingForEnterprise =
    !urlHadCamera.current && enterpriseId !== undefined && enterprise.status === 'loading'
  useEffect(() => {
    if (urlHadCamera.current || centred.current || enterprise.status !== 'ready' || !enterprise.data) return
    centred.current = true
    const [lon, lat] = enterprise.data.location.coordinates
    update({ camera: { lon, lat, zoom: 13 } }, { replace: true })
  }, [enterprise, update])

  const fitBounds = useMemo(() => boundsOfRegions(regionData), [regionData])
  const topRegions = regionData?.features.filter((f) => f.properties.parentId === null) ?? []
  // the export's title: the region filtered to, or the few top-level regions there are
  const place =
    filters.regionId !== undefined
      ? regionData?.features.find((f) => f.properties.id === filters.regionId)?.properties.name
      : topRegions.length > 0 && topRegions.length <= 3
        ? topRegions.map((f) => f.properties.name).join(', ')
        : undefined
  const legend = buildLegend({
    display,
    summary,
    regions: levelRegions,
    breaks,
    titles,
    singleSites: can.seeSingleEnterprises,
  })
  const showsDemo = regionData?.features.some((f) => f.properties.isDemo)
  const selectedRegion = regionData?.features.find((f) => f.properties.id === selectedRegionId)

  return (
    <div className="map-screen">
      <aside className="side-panel map-side-panel">
        {showsDemo && <DemoBanner />}
        <h2>{t('map.title')}</h2>
        <p className="map-status" data-testid="rendered-count" aria-live="polite">
          {summary === undefined && t('map.loading')}
          {summary !== undefined &&
            display.layers.enterprises &&
            t(inViewMessage(summary.clustered, can.seeSingleEnterprises), { count: summary.enterpriseCount })}
        </p>
        <FilterPanel
          filters={filters}
          searchByName={can.seeSingleEnterprises}
          regions={regionData}
          titles={titles}
          onChange={(next) => update({ filters: next })}
        />
        <DisplayPanel
          display={display}
          levels={levels}
          colourEnterprises={can.seeSingleEnterprises}
          onChange={(next) => update({ display: next })}
        />
        <ExportButton
          map={mapHandle}
          content={(attribution) => ({
            ...describeView({ filters, place, titles }),
            legend,
            footer: [
              attribution,
              showsDemo ? t('demo.banner') : '',
              t('map.export.exported', { date: new Date().toISOString().slice(0, 10) }),
            ]
              .filter(Boolean)
              .join(' · '),
          })}
        />
      </aside>
      <div className="map-area">
        {config.status !== 'loading' && (
          <MapView
            ref={mapHandle}
            label={t('map.label')}
            basemapStyleUrl={
              config.status === 'ready' ? (config.data.basemapStyleUrl ?? undefined) : undefined
            }
            camera={state.camera}
            fitBounds={waitingForEnterprise ? undefined : fitBounds}
            fitPadding={LEGEND_ROOM}
            filters={filters}
            display={display}
            choroplethBreaks={breaks}
            hexbinMaxCount={summary?.hexbinMaxCount ?? 1}
            enterpriseId={enterpriseId}
            selectedRegionId={selectedRegionId}
            summary={summary}
            onCameraChange={(camera) => update({ camera: roundCamera(camera) }, { replace: true })}
            onSelect={(selection) =>
              update({ enterpriseId: selection.enterpriseId, selectedRegionId: selection.regionId })
            }
            onRendered={setSummary}
          />
        )}
        <MapLegend sections={legend} />
        {selectedRegion && (
          <RegionTotals
            name={selectedRegion.properties.name}
            totals={summary?.regions.find((region) => region.id === selectedRegionId)}
            onClose={() => update({ selectedRegionId: undefined })}
          />
        )}
        {enterpriseId !== undefined && (
          <EnterpriseDrawer
            enterprise={enterprise}
            surveyYear={
              shownSurveyYear(filters, surveyYears.status === 'ready' ? surveyYears.data : undefined) ??
              undefined
            }
            onClose={() => update({ enterpriseId: undefined })}
          />
        )}
      </div>
    </div>
  )
}

function inViewMessage(clustered: boolean, singleSites: boolean) {
  if (!singleSites) return 'map.inViewGrouped'
  return clustered ? 'map.inViewClustered' : 'map.inView'
}

/** The legend sits over the map's lower left corner: the first view keeps the regions clear of it. */
const LEGEND_ROOM = { top: 40, bottom: 40, left: 300, right: 60 }

/** Most detailed first: the choropleth fills the finest level present, coarser ones are outlines. */
const levelOrder: readonly RegionLevel[] = ['admin2', 'admin1', 'country', 'custom', 'pilot']
function levelsPresent(regions: RegionCollection | undefined): RegionLevel[] {
  const present = new Set(regions?.features.map((f) => f.properties.level))
  return levelOrder.filter((level) => present.has(level))
}
