import type { Map as MapLibreMap } from 'maplibre-gl'
import { SITE_COLOURS } from './styles/palettes.js'
import { siteIcon } from './styles/treatment-sites.js'

/**
 * Icons the map draws itself on a 2D canvas, so nothing is fetched: the offline basemap has no
 * glyph server or sprite, and a symbol layer with only `icon-image` needs neither. Cluster counts
 * (`count:<n>`) are drawn when MapLibre first asks for them (the missing-image resolver).
 */
export function registerGeneratedIcons(map: MapLibreMap): void {
  const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1))
  for (const recovers of [true, false]) {
    for (const hazardous of [true, false]) {
      const id = siteIcon(recovers, hazardous)
      if (!map.hasImage(id))
        map.addImage(id, drawSiteSquare(recovers, hazardous, ratio), { pixelRatio: ratio })
    }
  }
  map.setMissingStyleImageResolver((id) => {
    if (!id.startsWith('count:') || map.hasImage(id)) return
    map.addImage(id, drawCountLabel(id.slice('count:'.length), ratio), { pixelRatio: ratio })
  })
}

function canvas2d(width: number, height: number): CanvasRenderingContext2D {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('this browser has no 2D canvas')
  return context
}

/** White digits with a dark halo, to sit on a cluster circle. */
function drawCountLabel(text: string, ratio: number): ImageData {
  const font = `700 ${12 * ratio}px system-ui, 'DejaVu Sans', sans-serif`
  const measure = canvas2d(1, 1)
  measure.font = font
  const width = Math.ceil(measure.measureText(text).width + 6 * ratio)
  const height = 18 * ratio
  const context = canvas2d(width, height)
  context.font = font
  context.textAlign = 'center'
  context.textBaseline = 'middle'
  context.lineWidth = 3 * ratio
  context.strokeStyle = 'rgba(20, 45, 40, 0.85)'
  context.strokeText(text, width / 2, height / 2)
  context.fillStyle = '#ffffff'
  context.fillText(text, width / 2, height / 2)
  return context.getImageData(0, 0, width, height)
}

/** A rounded square with a white rim, red outside it when the site may take hazardous waste. */
function drawSiteSquare(recovers: boolean, hazardous: boolean, ratio: number): ImageData {
  const size = 18 * ratio
  const context = canvas2d(size, size)
  const square = (inset: number, colour: string) => {
    context.fillStyle = colour
    context.beginPath()
    context.roundRect(inset, inset, size - 2 * inset, size - 2 * inset, 3 * ratio)
    context.fill()
  }
  square(0, hazardous ? SITE_COLOURS.hazardousStroke : '#1f2a2e')
  square(2 * ratio, '#ffffff')
  square(3.5 * ratio, recovers ? SITE_COLOURS.recovery : SITE_COLOURS.disposal)
  return context.getImageData(0, 0, size, size)
}

/** The same square for the legend and the exported picture, as a CSS/canvas colour pair. */
export function siteLegendColours(recovers: boolean, hazardous: boolean) {
  return {
    fill: recovers ? SITE_COLOURS.recovery : SITE_COLOURS.disposal,
    rim: hazardous ? SITE_COLOURS.hazardousStroke : '#1f2a2e',
  }
}
