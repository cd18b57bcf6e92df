import type { TileQuery } from '@contract/tiles.js'
import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type LngLatBoundsLike,
  type PaddingOptions,
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { registerGeneratedIcons } from './generated-icons.js'
import type { MapCamera, MapDisplay } from './map-display.js'
import { bindMapEvents, type MapCallbacks } from './map-events.js'
import { addWasteLayers, setTileFilters } from './map-layers.js'
import { applyDisplay, applySelection, cameraDiffers } from './map-sync.js'
import type { RenderedSummary } from './rendered-summary.js'
import { basemapStyle } from './styles/basemap.js'

// MapLibre 6 loads its worker from a separate file; let Vite emit it and tell MapLibre where.
setWorkerUrl(workerUrl)

/** What the screen may ask of the map without holding the MapLibre instance. */
export type MapHandle = {
  canvas: () => HTMLCanvasElement | undefined
  /** The attribution as shown on the map, as plain text. */
  attribution: () => string
}

type MapViewProps = MapCallbacks & {
  /** A remote style URL, or undefined for the bundled offline basemap. */
  basemapStyleUrl: string | undefined
  camera: MapCamera | undefined
  /** Where to look when the URL names no camera (fitted once). */
  fitBounds: LngLatBoundsLike | undefined
  /** Room kept free around the fitted bounds, e.g. for a legend over the map. */
  fitPadding?: PaddingOptions
  filters: TileQuery
  display: MapDisplay
  choroplethBreaks: readonly number[]
  hexbinMaxCount: number
  enterpriseId: number | undefined
  selectedRegionId: number | undefined
  summary: RenderedSummary | undefined
  label: string
  ref?: Ref<MapHandle>
}

/**
 * The one component that owns the MapLibre instance (react-map-gl's split): React passes the
 * state down as props and gets camera moves, clicks and what was drawn back through callbacks.
 * Prop changes become setTiles / setPaintProperty / setFilter calls; the map is built only once.
 */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap>()
  const latest = useRef(props)
  latest.current = props
  const popup = useRef(new Popup({ closeButton: true, maxWidth: '280px', offset: 12 }))
  const fitted = useRef(false)

  useImperativeHandle(props.ref, () => ({
    canvas: () => map?.getCanvas(),
    attribution: () =>
      container.current?.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.trim() ?? '',
  }))

  // Built once: the basemap is chosen before the map is mounted (see MapScreen).
  useEffect(() => {
    if (!container.current) return
    const { basemapStyleUrl, camera, filters, display } = latest.current
    const offline: StyleSpecification = basemapStyle
    const instance = new MapLibreMap({
      container: container.current,
      style: basemapStyleUrl ?? offline,
      center: camera ? [camera.lon, camera.lat] : [49.85, 40.45],
      zoom: camera?.zoom ?? 8,
      attributionControl: {
        compact: false,
        customAttribution: basemapStyleUrl ? undefined : 'Natural Earth',
      },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    })
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    instance.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right')
    // A remote style that cannot be loaded (no internet) falls back to the offline basemap; any
    // other error is logged as MapLibre would log it without a listener.
    let styleLoaded = false
    instance.on('error', ({ error }) => {
      if (!styleLoaded && basemapStyleUrl && !instance.isStyleLoaded()) {
        console.warn('The remote basemap style could not be loaded; using the offline basemap.', error)
        instance.setStyle(offline)
      } else console.error(error)
    })
    instance.once('load', () => {
      styleLoaded = true
      registerGeneratedIcons(instance)
      addWasteLayers(instance, filters, display)
      bindMapEvents(instance, latest, popup.current)
      setMap(instance)
    })
    return () => instance.remove()
  }, [])

  const { filters, display, choroplethBreaks, hexbinMaxCount, enterpriseId, selectedRegionId, camera } = props

  useEffect(() => {
    if (map) setTileFilters(map, filters)
  }, [map, filters])

  useEffect(() => {
    if (map) applyDisplay(map, display, choroplethBreaks, hexbinMaxCount)
  }, [map, display, choroplethBreaks, hexbinMaxCount])

  useEffect(() => {
    if (!map) return
    applySelection(map, enterpriseId, selectedRegionId)
    if (enterpriseId === undefined) popup.current.remove()
  }, [map, enterpriseId, selectedRegionId])

  useEffect(() => {
    if (map && camera && cameraDiffers(map, camera)) {
      map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom })
    }
  }, [map, camera])

  useEffect(() => {
    if (!map || camera || fitted.current || !props.fitBounds) return
    fitted.current = true
    const { width, height } = map.getContainer().getBoundingClientRect()
    const padding = props.fitPadding ?? 32
    const room =
      typeof padding === 'number'
        ? { x: 2 * padding, y: 2 * padding }
        : { x: (padding.left ?? 0) + (padding.right ?? 0), y: (padding.top ?? 0) + (padding.bottom ?? 0) }
    // on a small screen the reserved room would leave no map: fall back to a thin margin
    const fits = room.x < width / 2 && room.y < height / 2
    map.fitBounds(props.fitBounds, { padding: fits ? padding : 16, duration: 0 })
  }, [map, camera, props.fitBounds, props.fitPadding])

  const { summary } = props
  return (
    <div
      ref={container}
      className="map-view"
      role="region"
      aria-label={props.label}
      data-testid="map"
      data-ready={map ? 'true' : 'false'}
      data-rendered-enterprises={summary?.enterpriseCount}
      data-rendered-regions={summary?.regions.length}
      data-rendered-sites={summary?.siteCount}
      data-hexbin-max={summary?.hexbinMaxCount}
    />
  )
}
