import type { RegionCollection } from '@contract/regions.js'
import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { t } from '../../i18n/index.js'
import { basemapStyle } from '../../map/styles/basemap.js'
import { REGION_SOURCE, regionFillLayer, regionOutlineLayer } from '../../map/styles/regions.js'

// MapLibre 6 loads its worker from a separate file (as in map/map-view.tsx); setting it twice is harmless.
setWorkerUrl(workerUrl)

type LocationPickerMapProps = {
  /** [longitude, latitude], or undefined while nothing is picked. */
  location: [number, number] | undefined
  /** Undefined: the site is shown, not picked (a read-only record). */
  onPick: ((location: [number, number]) => void) | undefined
  regions: RegionCollection | undefined
}

/**
 * A small map of its own for picking an enterprise's site: a click puts the marker there. The
 * coordinates are also typed in the form, so the map is never the only way in.
 */
export function LocationPickerMap({ location, onPick, regions }: LocationPickerMapProps) {
  const container = useRef<HTMLElement>(null)
  const [map, setMap] = useState<MapLibreMap>()
  const marker = useRef<Marker>(undefined)
  const pick = useRef(onPick)
  pick.current = onPick
  const centred = useRef(false)

  useEffect(() => {
    if (!container.current) return
    const instance = new MapLibreMap({
      container: container.current,
      style: basemapStyle,
      center: [49.9, 40.4],
      zoom: 7,
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
    })
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    if (pick.current) instance.getCanvas().style.cursor = 'crosshair'
    instance.on('load', () => {
      instance.addSource(REGION_SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      })
      instance.addLayer(regionFillLayer)
      instance.addLayer(regionOutlineLayer)
      setMap(instance)
    })
    instance.on('click', (event) => {
      // Six decimals is about 0.1 m: enough for a site, and what a person can type back.
      const round = (value: number) => Math.round(value * 1e6) / 1e6
      pick.current?.([round(event.lngLat.lng), round(event.lngLat.lat)])
    })
    return () => instance.remove()
  }, [])

  useEffect(() => {
    if (!map || !regions) return
    map.getSource<GeoJSONSource>(REGION_SOURCE)?.setData(regions)
    if (centred.current) return
    centred.current = true
    if (location) {
      map.jumpTo({ center: location, zoom: 11 })
      return
    }
    const bounds = new LngLatBounds()
    for (const feature of regions.features) {
      for (const polygon of feature.geometry.coordinates) {
        for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lon, lat])
      }
    }
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 30, duration: 0 })
  }, [map, regions, location])

  useEffect(() => {
    if (!map) return
    const valid =
      location &&
      Math.abs(location[0]) <= 180 &&
      Math.abs(location[1]) <= 90 &&
      location.every(Number.isFinite)
    if (!valid) {
      marker.current?.remove()
      marker.current = undefined
      return
    }
    if (!marker.current) marker.current = new Marker({ color: '#2f7d6d' }).setLngLat(location).addTo(map)
    else marker.current.setLngLat(location)
  }, [map, location])

  return (
    <section
      ref={container}
      className="picker-map"
      data-testid="location-map"
      data-ready={map ? 'true' : 'false'}
      aria-label={t('enterpriseForm.mapLabel')}
    />
  )
}
