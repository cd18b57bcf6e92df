import type { Map as MapLibreMap } from 'maplibre-gl'
import type { MapCamera, MapDisplay } from './map-display.js'
import { layerIds } from './map-layers.js'
import { enterpriseColour } from './styles/enterprises.js'
import { hexbinColour } from './styles/hexbins.js'
import { choroplethColour, levelFilter } from './styles/region-tiles.js'

/** The display state as paint, filter and visibility changes: a cheap restyle, never a rebuild. */
export function applyDisplay(
  map: MapLibreMap,
  display: MapDisplay,
  breaks: readonly number[],
  hexbinMaxCount: number,
): void {
  const show = (id: string, on: boolean) => map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none')

  map.setPaintProperty(layerIds.enterprises, 'circle-color', enterpriseColour(display.colourBy))
  for (const id of [
    layerIds.enterprises,
    layerIds.enterpriseSelected,
    layerIds.clusters,
    layerIds.clusterCounts,
  ]) {
    show(id, display.layers.enterprises)
  }
  show(layerIds.sites, display.layers.sites)
  show(layerIds.hexbins, display.layers.hexbins)
  map.setPaintProperty(layerIds.hexbins, 'fill-color', hexbinColour(hexbinMaxCount))

  // Without a measure the regions stay as clickable (transparent) areas under their outlines.
  map.setFilter(layerIds.choropleth, levelFilter(display.regionLevel))
  if (display.measure) {
    map.setPaintProperty(layerIds.choropleth, 'fill-color', choroplethColour(display.measure, breaks))
    map.setPaintProperty(
      layerIds.choropleth,
      'fill-opacity',
      display.layers.hexbins ? 0.3 : display.layers.enterprises ? 0.45 : 0.7,
    )
  } else {
    map.setPaintProperty(layerIds.choropleth, 'fill-opacity', 0)
  }
}

export function applySelection(
  map: MapLibreMap,
  enterpriseId: number | undefined,
  regionId: number | undefined,
): void {
  map.setFilter(layerIds.enterpriseSelected, ['==', ['id'], enterpriseId ?? -1])
  map.setFilter(layerIds.regionSelected, ['==', ['id'], regionId ?? -1])
}

/** True when the map is not already where the URL says (within the URL's rounding). */
export function cameraDiffers(map: MapLibreMap, camera: MapCamera): boolean {
  const { lng, lat } = map.getCenter()
  return (
    Math.abs(map.getZoom() - camera.zoom) > 0.006 ||
    Math.abs(lat - camera.lat) > 0.00002 ||
    Math.abs(lng - camera.lon) > 0.00002
  )
}
