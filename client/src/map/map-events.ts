import { CLUSTER_BELOW_ZOOM } from '@contract/tiles.js'
import type { LngLatLike, Map as MapLibreMap, MapGeoJSONFeature, MapMouseEvent, Popup } from 'maplibre-gl'
import type { MapCamera } from './map-display.js'
import { layerIds } from './map-layers.js'
import { enterprisePopup, treatmentSitePopup } from './map-popups.js'
import { type RenderedSummary, sameSummary, summariseRendered } from './rendered-summary.js'

/** One thing selected at a time: an enterprise (its drawer), a region (its totals) or nothing. */
export type MapSelection = { enterpriseId?: number; regionId?: number }

export type MapCallbacks = {
  onCameraChange: (camera: MapCamera) => void
  onSelect: (selection: MapSelection) => void
  onRendered: (summary: RenderedSummary) => void
}

/**
 * Wires the map's events to React's callbacks (read through a ref, so the latest props are
 * called without rebinding). Clicks look at the layers top to bottom: a treatment site or an
 * enterprise opens its popup and drawer, a cluster zooms in, a region shows its totals.
 */
export function bindMapEvents(map: MapLibreMap, callbacks: { current: MapCallbacks }, popup: Popup): void {
  const visible = (id: string) =>
    map.getLayer(id) !== undefined && map.getLayoutProperty(id, 'visibility') !== 'none'
  const hit = (event: MapMouseEvent, id: string): MapGeoJSONFeature | undefined =>
    visible(id) ? map.queryRenderedFeatures(event.point, { layers: [id] })[0] : undefined

  map.on('click', (event) => {
    const site = hit(event, layerIds.sites)
    const enterprise = site ?? hit(event, layerIds.enterprises)
    if (enterprise) {
      const content = site ? treatmentSitePopup(site.properties) : enterprisePopup(enterprise.properties)
      if (content)
        popup
          .setLngLat(pointOf(enterprise) ?? event.lngLat)
          .setDOMContent(content)
          .addTo(map)
      const id = featureId(enterprise)
      callbacks.current.onSelect(id === undefined ? {} : { enterpriseId: id })
      return
    }
    if (hit(event, layerIds.clusters)) {
      map.easeTo({ center: event.lngLat, zoom: Math.max(map.getZoom() + 2, CLUSTER_BELOW_ZOOM + 0.5) })
      return
    }
    popup.remove()
    const region = hit(event, layerIds.choropleth)
    const regionId = region ? featureId(region) : undefined
    callbacks.current.onSelect(regionId === undefined ? {} : { regionId })
  })

  for (const id of [layerIds.enterprises, layerIds.sites, layerIds.clusters]) {
    map.on('mouseenter', id, () => (map.getCanvas().style.cursor = 'pointer'))
    map.on('mouseleave', id, () => (map.getCanvas().style.cursor = ''))
  }

  map.on('moveend', () => {
    const { lng, lat } = map.getCenter()
    callbacks.current.onCameraChange({ lon: lng, lat, zoom: map.getZoom() })
  })

  let last: RenderedSummary | undefined
  map.on('idle', () => {
    const summary = summariseRendered(map)
    if (sameSummary(last, summary)) return
    last = summary
    callbacks.current.onRendered(summary)
  })
}

function featureId(feature: MapGeoJSONFeature): number | undefined {
  const id = Number(feature.id ?? feature.properties.id)
  return Number.isInteger(id) && id > 0 ? id : undefined
}

function pointOf(feature: MapGeoJSONFeature): LngLatLike | undefined {
  return feature.geometry.type === 'Point' ? (feature.geometry.coordinates as [number, number]) : undefined
}
