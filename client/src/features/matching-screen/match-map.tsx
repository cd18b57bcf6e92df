import type { FeatureCollection, LineString, Point } from 'geojson'
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
import { basemapStyle } from '../../map/styles/basemap.js'
import { matchLineLayer, matchPointLayer, MATCH_LINES, MATCH_POINTS } from './match-map-layers.js'

// MapLibre 6 loads its worker from a separate file (as in map/map-view.tsx); setting it twice is harmless.
setWorkerUrl(workerUrl)

export type MatchLines = FeatureCollection<LineString, { rank: number; selected: boolean }>
export type MatchPoints = FeatureCollection<Point, { role: 'supplier' | 'receiver'; label: string }>

type MatchMapProps = { lines: MatchLines; points: MatchPoints; label: string }

/** Lines from supplier to receivers over the offline basemap; the map owns nothing but drawing. */
export function MatchMap({ lines, points, label }: MatchMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap>()

  useEffect(() => {
    if (!container.current) return
    const instance = new MapLibreMap({
      container: container.current,
      style: basemapStyle,
      center: [49.85, 40.45],
      zoom: 8,
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    })
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    instance.on('load', () => {
      const empty = { type: 'FeatureCollection' as const, features: [] }
      instance.addSource(MATCH_LINES, { type: 'geojson', data: empty })
      instance.addSource(MATCH_POINTS, { type: 'geojson', data: empty })
      instance.addLayer(matchLineLayer)
      instance.addLayer(matchPointLayer)
      setMap(instance)
    })
    return () => instance.remove()
  }, [])

  useEffect(() => {
    if (!map) return
    map.getSource<GeoJSONSource>(MATCH_LINES)?.setData(lines)
    map.getSource<GeoJSONSource>(MATCH_POINTS)?.setData(points)
    const bounds = new LngLatBounds()
    for (const point of points.features) bounds.extend(point.geometry.coordinates as [number, number])
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 48, maxZoom: 12, duration: 0 })
  }, [map, lines, points])

  return (
    <div
      ref={container}
      className="match-map"
      role="img"
      aria-label={label}
      data-testid="match-map"
      data-lines={lines.features.length}
    />
  )
}
