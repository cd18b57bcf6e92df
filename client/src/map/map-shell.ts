import type { GeoJSON } from 'geojson'
import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type GeoJSONSource,
  type LayerSpecification,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { loadBasemapStyle } from './styles/basemap.js'

// MapLibre 6 loads its worker from a separate file; let Vite emit it and tell MapLibre where,
// once, for every map. maplibre-gl is reached only through this module and the map screens,
// which are loaded on demand, so it stays out of the entry chunk (issue 11).
setWorkerUrl(workerUrl)

export type MapShellOptions = {
  /** Where the map looks before the screen fits its data. */
  center?: [number, number]
  zoom?: number
  /** A remote style; undefined for the offline basemap, which is also the fallback when it fails to load. */
  styleUrl?: string
  /** False for a still picture of a map: no panning, zooming or zoom buttons. */
  interactive?: boolean
  /** A metric scale in the lower right corner. */
  scale?: boolean
  /** The attribution written out in full (the waste map) rather than behind an ⓘ. */
  fullAttribution?: boolean
  /** Keeps the drawn frame, so the canvas can be exported or printed with the page. */
  printable?: boolean
  /**
   * Runs once the style has loaded, before the map is handed back: add sources, layers and
   * listeners here. What it returns runs before the map is removed.
   */
  onLoad?: (map: MapLibreMap) => (() => void) | void
}

/**
 * The one place a MapLibre instance is made (react-map-gl's split: React owns the state, this
 * owns the map). Builds the map once in `container` over the basemap, with the zoom buttons and
 * attribution every screen shows; MapLibre follows the container's size itself (trackResize).
 * Returns the map once it has loaded and `onLoad` has run, undefined until then and after the
 * component unmounts. The options are read once, when the map is built.
 */
export function useMapShell(
  container: RefObject<HTMLElement | null>,
  options: MapShellOptions = {},
): MapLibreMap | undefined {
  const [map, setMap] = useState<MapLibreMap>()
  const latest = useRef(options)
  latest.current = options

  useEffect(() => {
    const element = container.current
    if (!element) return
    let removed = false
    let instance: MapLibreMap | undefined
    let tearDown: (() => void) | void
    const { styleUrl } = latest.current
    void (styleUrl ? Promise.resolve(styleUrl) : loadBasemapStyle()).then((style) => {
      if (removed) return
      instance = buildMap(element, style, latest.current)
      const built = instance
      built.once('load', () => {
        if (removed) return
        tearDown = latest.current.onLoad?.(built)
        setMap(built)
      })
    })
    return () => {
      removed = true
      tearDown?.()
      instance?.remove()
      setMap(undefined)
    }
  }, [container])

  return map
}

function buildMap(
  container: HTMLElement,
  style: StyleSpecification | string,
  options: MapShellOptions,
): MapLibreMap {
  const { styleUrl, interactive = true } = options
  const map = new MapLibreMap({
    container,
    style,
    center: options.center ?? DEFAULT_CENTER,
    zoom: options.zoom ?? 7,
    interactive,
    attributionControl: {
      compact: !options.fullAttribution,
      customAttribution: styleUrl ? undefined : 'Natural Earth',
    },
    ...(options.printable && { canvasContextAttributes: { preserveDrawingBuffer: true } }),
  })
  if (interactive) map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
  if (options.scale) map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right')
  if (styleUrl) fallBackToOfflineBasemap(map)
  return map
}

/**
 * A remote style that cannot be loaded (no internet) falls back to the offline basemap; any
 * other error is logged as MapLibre would log it without a listener.
 */
function fallBackToOfflineBasemap(map: MapLibreMap) {
  let fellBack = false
  let styleLoaded = false
  map.once('load', () => (styleLoaded = true))
  map.on('error', ({ error }) => {
    if (!styleLoaded && !fellBack && !map.isStyleLoaded()) {
      fellBack = true
      console.warn('The remote basemap style could not be loaded; using the offline basemap.', error)
      void loadBasemapStyle().then((offline) => map.setStyle(offline))
    } else console.error(error)
  })
}

/** Baku, where the pilot regions are: the view until a screen fits its own data. */
const DEFAULT_CENTER: [number, number] = [49.9, 40.4]

/** Adds a GeoJSON source, empty until `setGeoJson`, and the layers drawn from it. */
export function addGeoJsonLayers(map: MapLibreMap, source: string, layers: readonly LayerSpecification[]) {
  map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
  for (const layer of layers) map.addLayer(layer)
}

/** Replaces what a GeoJSON source added by addGeoJsonLayers draws. */
export function setGeoJson(map: MapLibreMap, source: string, data: GeoJSON) {
  map.getSource<GeoJSONSource>(source)?.setData(data)
}
