import type { RegionCollection } from '@contract/regions.js'
import { useEffect, useRef } from 'react'
import { t } from '../../i18n/index.js'
import { boundsOfRegions } from '../../map/bounds.js'
import { addGeoJsonLayers, setGeoJson, useMapShell } from '../../map/map-shell.js'
import {
  MINI_MAP_SOURCE,
  regionContextLayer,
  selectedRegionFilter,
  selectedRegionLayers,
} from './mini-map-layers.js'

type RegionMiniMapProps = { regions: RegionCollection; regionIds: readonly number[]; name: string }

/**
 * A small, still map of where the region lies among the others, on the offline basemap. Not
 * interactive: the waste map is one click away for exploring.
 */
export function RegionMiniMap({ regions, regionIds, name }: RegionMiniMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const map = useMapShell(container, {
    interactive: false,
    // kept so the map prints with the page
    printable: true,
    onLoad: (instance) =>
      addGeoJsonLayers(instance, MINI_MAP_SOURCE, [regionContextLayer, ...selectedRegionLayers]),
  })

  useEffect(() => {
    if (!map) return
    setGeoJson(map, MINI_MAP_SOURCE, regions)
    for (const layer of selectedRegionLayers) map.setFilter(layer.id, selectedRegionFilter(regionIds))
    const bounds = boundsOfRegions(regions, (id) => regionIds.includes(id))
    if (!bounds) return
    // zoomed out a little from the region's extent, so its neighbours show where it lies
    const camera = map.cameraForBounds(bounds, { padding: 30, maxZoom: 11 })
    if (camera) map.jumpTo({ ...camera, zoom: (camera.zoom ?? 7) - 0.8 })
  }, [map, regions, regionIds])

  return (
    <div
      ref={container}
      className="dashboard-mini-map"
      role="img"
      aria-label={t('dashboard.map.label', { name })}
      data-testid="mini-map"
      data-ready={map ? 'true' : 'false'}
    />
  )
}
