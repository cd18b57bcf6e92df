import type { RegionCollection } from '@contract/regions.js'
import 'maplibre-gl/dist/maplibre-gl.css'
import { type GeoJSONSource, LngLatBounds, Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { t } from '../../i18n/index.js'
import { basemapStyle } from '../../map/styles/basemap.js'
import {
  MINI_MAP_SOURCE,
  regionContextLayer,
  selectedRegionFilter,
  selectedRegionLayers,
} from './mini-map-layers.js'

// MapLibre 6 loads its worker from a separate file (as in map/map-view.tsx); setting it twice is harmless.
setWorkerUrl(workerUrl)

type RegionMiniMapProps = { regions: RegionCollection; regionIds: readonly number[]; name: string }

/**
 * A small, still map of where the region lies among the others, on the offline basemap. Not
 * interactive: the waste map is one click away for exploring.
 */
export function RegionMiniMap({ regions, regionIds, name }: RegionMiniMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap>()

  useEffect(() => {
    if (!container.current) return
    const instance = new MapLibreMap({
      container: container.current,
      style: basemapStyle,
      center: [49.9, 40.4],
      zoom: 7,
      interactive: false,
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      // kept so the map prints with the page
      canvasContextAttributes: { preserveDrawingBuffer: true },
    })
    instance.on('load', () => {
      instance.addSource(MINI_MAP_SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      })
      for (const layer of [regionContextLayer, ...selectedRegionLayers]) instance.addLayer(layer)
      setMap(instance)
    })
    return () => instance.remove()
  }, [])

  useEffect(() => {
    if (!map) return
    map.getSource<GeoJSONSource>(MINI_MAP_SOURCE)?.setData(regions)
    for (const layer of selectedRegionLayers) map.setFilter(layer.id, selectedRegionFilter(regionIds))
    const bounds = new LngLatBounds()
    for (const feature of regions.features) {
      if (!regionIds.includes(feature.properties.id)) continue
      for (const polygon of feature.geometry.coordinates) {
        for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lon, lat])
      }
    }
    if (bounds.isEmpty()) return
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
