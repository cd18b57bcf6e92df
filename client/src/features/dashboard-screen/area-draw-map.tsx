import type { AreaGeometry } from '@contract/geojson.js'
import type { RegionCollection } from '@contract/regions.js'
import type { Polygon } from 'geojson'
import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { TerraDraw, TerraDrawPolygonMode } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { t } from '../../i18n/index.js'
import { basemapStyle } from '../../map/styles/basemap.js'
import { MINI_MAP_SOURCE, regionContextLayer } from './mini-map-layers.js'

// MapLibre 6 loads its worker from a separate file (as in map/map-view.tsx); setting it twice is harmless.
setWorkerUrl(workerUrl)

type AreaDrawMapProps = {
  regions: RegionCollection | undefined
  /** Bumped by the parent to clear the drawing. */
  clearToken: number
  onChange: (geometry: AreaGeometry | undefined) => void
}

/**
 * A map to draw one area on with terra-draw (as the region editor does): click the corners,
 * click the first one again to close. A new area replaces the previous one. The regions are
 * outlined for orientation.
 */
export function AreaDrawMap({ regions, clearToken, onChange }: AreaDrawMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap>()
  const draw = useRef<TerraDraw>(undefined)
  const changed = useRef(onChange)
  changed.current = onChange

  useEffect(() => {
    if (!container.current) return
    const instance = new MapLibreMap({
      container: container.current,
      style: basemapStyle,
      center: [49.9, 40.4],
      zoom: 8,
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    })
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    instance.on('load', () => {
      instance.addSource(MINI_MAP_SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      })
      instance.addLayer(regionContextLayer)
      const terra = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map: instance }),
        modes: [new TerraDrawPolygonMode()],
      })
      terra.start()
      terra.setMode('polygon')
      terra.on('finish', (id) => {
        const feature = terra.getSnapshotFeature(id)
        if (feature?.geometry.type !== 'Polygon') return
        const others = terra.getSnapshot().filter((other) => other.id !== id && other.id !== undefined)
        if (others.length > 0) terra.removeFeatures(others.map((other) => other.id!))
        changed.current({
          type: 'Polygon',
          coordinates: (feature.geometry as Polygon).coordinates,
        } as AreaGeometry)
      })
      draw.current = terra
      setMap(instance)
    })
    return () => {
      draw.current?.stop()
      draw.current = undefined
      instance.remove()
    }
  }, [])

  useEffect(() => {
    if (!map || !regions) return
    map.getSource<GeoJSONSource>(MINI_MAP_SOURCE)?.setData(regions)
    const bounds = new LngLatBounds()
    for (const feature of regions.features) {
      for (const polygon of feature.geometry.coordinates) {
        for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lon, lat])
      }
    }
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 30, duration: 0 })
  }, [map, regions])

  useEffect(() => {
    if (clearToken === 0) return
    draw.current?.clear()
    changed.current(undefined)
  }, [clearToken])

  return (
    <div
      ref={container}
      className="dashboard-draw-map"
      data-testid="area-map"
      data-ready={map ? 'true' : 'false'}
      role="application"
      aria-label={t('dashboard.area.mapLabel')}
    />
  )
}
