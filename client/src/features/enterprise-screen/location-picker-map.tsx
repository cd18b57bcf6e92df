import type { RegionCollection } from '@contract/regions.js'
import { Marker } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { t } from '../../i18n/index.js'
import { boundsOfRegions } from '../../map/bounds.js'
import { addGeoJsonLayers, setGeoJson, useMapShell } from '../../map/map-shell.js'
import { REGION_SOURCE, regionFillLayer, regionOutlineLayer } from '../../map/styles/regions.js'

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
  const marker = useRef<Marker>(undefined)
  const pick = useRef(onPick)
  pick.current = onPick
  const centred = useRef(false)
  const map = useMapShell(container, {
    onLoad: (instance) => {
      if (pick.current) instance.getCanvas().style.cursor = 'crosshair'
      addGeoJsonLayers(instance, REGION_SOURCE, [regionFillLayer, regionOutlineLayer])
      instance.on('click', (event) => {
        // Six decimals is about 0.1 m: enough for a site, and what a person can type back.
        const round = (value: number) => Math.round(value * 1e6) / 1e6
        pick.current?.([round(event.lngLat.lng), round(event.lngLat.lat)])
      })
    },
  })

  useEffect(() => {
    if (!map || !regions) return
    setGeoJson(map, REGION_SOURCE, regions)
    if (centred.current) return
    centred.current = true
    if (location) {
      map.jumpTo({ center: location, zoom: 11 })
      return
    }
    const bounds = boundsOfRegions(regions)
    if (bounds) map.fitBounds(bounds, { padding: 30, duration: 0 })
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
