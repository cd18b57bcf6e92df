import type { EnterpriseCollection } from '@contract/enterprises.js'
import type { RegionCollection } from '@contract/regions.js'
import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { basemapStyle } from './styles/basemap.js'
import { ENTERPRISE_SOURCE, enterpriseCircleLayer } from './styles/enterprises.js'
import { REGION_SOURCE, regionFillLayer, regionOutlineLayer } from './styles/regions.js'

type MapViewProps = {
  regions: RegionCollection | undefined
  enterprises: EnterpriseCollection | undefined
  onSelectEnterprise: (id: number | undefined) => void
}

// MapLibre 6 loads its worker from a separate file; let Vite emit it and tell MapLibre where.
setWorkerUrl(workerUrl)

const EMPTY = { type: 'FeatureCollection' as const, features: [] }

/**
 * The one component that owns the MapLibre instance (react-map-gl's split): React passes data
 * down and gets selections back; the map never holds state React needs.
 */
export function MapView({ regions, enterprises, onSelectEnterprise }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap>()
  const fitted = useRef(false)
  const select = useRef(onSelectEnterprise)
  select.current = onSelectEnterprise

  useEffect(() => {
    if (!container.current) return
    const instance = new MapLibreMap({
      container: container.current,
      style: basemapStyle,
      center: [49.9, 40.4],
      zoom: 7,
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    })
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    instance.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')
    instance.on('load', () => {
      instance.addSource(REGION_SOURCE, { type: 'geojson', data: EMPTY })
      instance.addSource(ENTERPRISE_SOURCE, { type: 'geojson', data: EMPTY })
      instance.addLayer(regionFillLayer)
      instance.addLayer(regionOutlineLayer)
      instance.addLayer(enterpriseCircleLayer)
      instance.on('click', enterpriseCircleLayer.id, (event) => {
        const id = event.features?.[0]?.properties?.id
        select.current(typeof id === 'number' ? id : undefined)
      })
      instance.on('mouseenter', enterpriseCircleLayer.id, () => {
        instance.getCanvas().style.cursor = 'pointer'
      })
      instance.on('mouseleave', enterpriseCircleLayer.id, () => {
        instance.getCanvas().style.cursor = ''
      })
      setMap(instance)
    })
    return () => instance.remove()
  }, [])

  useEffect(() => {
    if (!map || !regions) return
    map.getSource<GeoJSONSource>(REGION_SOURCE)?.setData(regions)
    const bounds = boundsOf(regions)
    if (bounds && !fitted.current) {
      fitted.current = true
      map.fitBounds(bounds, { padding: 40, duration: 0 })
    }
  }, [map, regions])

  useEffect(() => {
    if (!map || !enterprises) return
    map.getSource<GeoJSONSource>(ENTERPRISE_SOURCE)?.setData(enterprises)
  }, [map, enterprises])

  return <div ref={container} className="map-view" data-testid="map" data-ready={map ? 'true' : 'false'} />
}

function boundsOf(regions: RegionCollection): LngLatBounds | undefined {
  const bounds = new LngLatBounds()
  for (const feature of regions.features) {
    for (const polygon of feature.geometry.coordinates) {
      for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lon, lat])
    }
  }
  return bounds.isEmpty() ? undefined : bounds
}
