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
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { t } from '../../i18n/index.js'
import { basemapStyle } from '../../map/styles/basemap.js'
import { REGION_SOURCE, regionFillLayer, regionOutlineLayer } from '../../map/styles/regions.js'

// MapLibre 6 loads its worker from a separate file (as in map/map-view.tsx); setting it twice is harmless.
setWorkerUrl(workerUrl)

export type DrawMode = 'polygon' | 'select'

type RegionDrawMapProps = {
  regions: RegionCollection | undefined
  /** The geometry being edited; when it changes from outside (a region loaded), the drawing is replaced. */
  geometry: AreaGeometry | undefined
  /** Bumped by the parent to replace the drawing with `geometry`. */
  loadToken: number
  mode: DrawMode
  onChange: (geometry: AreaGeometry | undefined) => void
}

/**
 * A map with terra-draw on it: polygon mode draws (click the corners, click the first one to
 * close), select mode moves corners, adds them at midpoints and deletes them. Every finished
 * polygon counts; several make a MultiPolygon.
 */
export function RegionDrawMap({ regions, geometry, loadToken, mode, onChange }: RegionDrawMapProps) {
  const container = useRef<HTMLElement>(null)
  const [map, setMap] = useState<MapLibreMap>()
  const draw = useRef<TerraDraw>(undefined)
  const changed = useRef(onChange)
  changed.current = onChange
  const fitted = useRef(false)
  // Replacing the drawing from outside fires terra-draw's change events; they are not edits.
  const loading = useRef(false)

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
    instance.on('load', () => {
      instance.addSource(REGION_SOURCE, {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      })
      instance.addLayer(regionFillLayer)
      instance.addLayer(regionOutlineLayer)
      const terra = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map: instance }),
        modes: [
          new TerraDrawPolygonMode(),
          new TerraDrawSelectMode({
            flags: {
              polygon: {
                feature: {
                  draggable: true,
                  coordinates: { midpoints: true, draggable: true, deletable: true },
                },
              },
            },
          }),
        ],
      })
      terra.start()
      terra.setMode('polygon')
      const report = () => {
        if (!loading.current) changed.current(geometryOf(terra))
      }
      terra.on('finish', report)
      terra.on('change', (_ids, type) => {
        if (type === 'delete' || type === 'update') report()
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
    map.getSource<GeoJSONSource>(REGION_SOURCE)?.setData(regions)
    if (fitted.current) return
    const bounds = new LngLatBounds()
    for (const feature of regions.features) {
      for (const polygon of feature.geometry.coordinates) {
        for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lon, lat])
      }
    }
    if (!bounds.isEmpty()) {
      fitted.current = true
      map.fitBounds(bounds, { padding: 30, duration: 0 })
    }
  }, [map, regions])

  // `map` is set once terra-draw has started
  useEffect(() => {
    draw.current?.setMode(mode)
  }, [mode, map])

  // only an explicit load replaces the drawing
  useEffect(() => {
    const terra = draw.current
    if (!terra || !map) return
    loading.current = true
    terra.clear()
    const polygons = !geometry
      ? []
      : geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.coordinates
    terra.addFeatures(
      polygons.map((coordinates) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates },
        properties: { mode: 'polygon' },
      })),
    )
    loading.current = false
    const bounds = new LngLatBounds()
    for (const polygon of polygons) for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lon, lat])
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 40, duration: 0 })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the comment above the effect
  }, [loadToken, map])

  return (
    <section
      ref={container}
      className="picker-map"
      data-testid="region-map"
      data-ready={map ? 'true' : 'false'}
      aria-label={t('regionEditor.mapLabel')}
    />
  )
}

/** The finished polygons as one geometry: none → undefined, one → Polygon, more → MultiPolygon. */
function geometryOf(terra: TerraDraw): AreaGeometry | undefined {
  const polygons = terra
    .getSnapshot()
    .filter((feature) => feature.geometry.type === 'Polygon' && !feature.properties.currentlyDrawing)
    .map((feature) => (feature.geometry as Polygon).coordinates as AreaGeometry['coordinates'][number][])
  const [first] = polygons
  if (!first) return undefined
  if (polygons.length === 1) return { type: 'Polygon', coordinates: first } as AreaGeometry
  return { type: 'MultiPolygon', coordinates: polygons } as AreaGeometry
}
