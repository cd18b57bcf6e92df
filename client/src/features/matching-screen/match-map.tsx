import type { FeatureCollection, LineString, Point } from 'geojson'
import { LngLatBounds } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { addGeoJsonLayers, setGeoJson, useMapShell } from '../../map/map-shell.js'
import { matchLineLayer, matchPointLayer, MATCH_LINES, MATCH_POINTS } from './match-map-layers.js'

export type MatchLines = FeatureCollection<LineString, { rank: number; selected: boolean }>
export type MatchPoints = FeatureCollection<Point, { role: 'supplier' | 'receiver'; label: string }>

type MatchMapProps = { lines: MatchLines; points: MatchPoints; label: string }

/** Lines from supplier to receivers over the offline basemap; the map owns nothing but drawing. */
export function MatchMap({ lines, points, label }: MatchMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const map = useMapShell(container, {
    center: [49.85, 40.45],
    zoom: 8,
    printable: true,
    onLoad: (instance) => {
      addGeoJsonLayers(instance, MATCH_LINES, [matchLineLayer])
      addGeoJsonLayers(instance, MATCH_POINTS, [matchPointLayer])
    },
  })

  useEffect(() => {
    if (!map) return
    setGeoJson(map, MATCH_LINES, lines)
    setGeoJson(map, MATCH_POINTS, points)
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
