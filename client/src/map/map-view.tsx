import type { TileQuery } from '@contract/tiles.js'
import { type LngLatBoundsLike, type PaddingOptions, Popup } from 'maplibre-gl'
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react'
import { registerGeneratedIcons } from './generated-icons.js'
import type { MapCamera, MapDisplay } from './map-display.js'
import { bindMapEvents, type MapCallbacks } from './map-events.js'
import { addWasteLayers, setTileFilters } from './map-layers.js'
import { useMapShell } from './map-shell.js'
import { applyDisplay, applySelection, cameraDiffers } from './map-sync.js'
import type { RenderedSummary } from './rendered-summary.js'

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
  const latest = useRef(props)
  latest.current = props
  const popup = useRef(new Popup({ closeButton: true, maxWidth: '280px', offset: 12 }))
  const fitted = useRef(false)

  // Built once: the basemap is chosen before the map is mounted (see MapScreen).
  const { basemapStyleUrl, camera: startCamera } = props
  const map = useMapShell(container, {
    styleUrl: basemapStyleUrl,
    center: startCamera ? [startCamera.lon, startCamera.lat] : [49.85, 40.45],
    zoom: startCamera?.zoom ?? 8,
    scale: true,
    fullAttribution: true,
    printable: true,
    onLoad: (instance) => {
      registerGeneratedIcons(instance)
      addWasteLayers(instance, latest.current.filters, latest.current.display)
      bindMapEvents(instance, latest, popup.current)
    },
  })

  useImperativeHandle(props.ref, () => ({
    canvas: () => map?.getCanvas(),
    attribution: () =>
      container.current?.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.trim() ?? '',
  }))

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
