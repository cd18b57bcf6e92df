import type { ExportContent, ExportLayout, PlacedSwatch } from './export-layout.js'
import { layoutExport } from './export-layout.js'

/**
 * The exported picture: the map canvas as drawn (the map keeps its drawing buffer), with the
 * title, legend and attribution composed around it on a 2D canvas at the map's pixel ratio.
 */
export async function renderExport(
  mapCanvas: HTMLCanvasElement,
  content: Omit<ExportContent, 'mapWidth' | 'mapHeight'>,
): Promise<Blob> {
  const mapWidth = mapCanvas.clientWidth
  const mapHeight = mapCanvas.clientHeight
  const ratio = mapWidth > 0 ? mapCanvas.width / mapWidth : 1

  const measurer = document.createElement('canvas').getContext('2d')
  if (!measurer) throw new Error('this browser has no 2D canvas')
  const measure = (text: string, font: string) => {
    measurer.font = font
    return measurer.measureText(text).width
  }
  const layout = layoutExport({ ...content, mapWidth, mapHeight }, measure)

  const canvas = document.createElement('canvas')
  canvas.width = Math.round(layout.width * ratio)
  canvas.height = Math.round(layout.height * ratio)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('this browser has no 2D canvas')
  context.scale(ratio, ratio)
  draw(context, layout, mapCanvas)

  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be encoded'))),
      'image/png',
    ),
  )
}

function draw(context: CanvasRenderingContext2D, layout: ExportLayout, mapCanvas: HTMLCanvasElement) {
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, layout.width, layout.height)
  const { map, legend } = layout
  context.drawImage(mapCanvas, map.x, map.y, map.width, map.height)
  context.fillStyle = '#fbfaf7'
  context.fillRect(legend.x, legend.y, legend.width, legend.height)
  context.strokeStyle = '#dcd8ce'
  context.lineWidth = 1
  context.strokeRect(map.x + 0.5, map.y + 0.5, map.width + legend.width - 1, legend.height - 1)
  for (const placed of layout.swatches) drawSwatch(context, placed)
  for (const text of layout.texts) {
    context.font = text.font
    context.fillStyle = text.colour
    context.fillText(text.text, text.x, text.y)
  }
}

function drawSwatch(context: CanvasRenderingContext2D, { swatch, cx, cy }: PlacedSwatch) {
  context.lineWidth = 1.5
  switch (swatch.shape) {
    case 'circle':
      context.beginPath()
      context.arc(cx, cy, swatch.radius, 0, 2 * Math.PI)
      context.fillStyle = swatch.colour
      context.fill()
      context.strokeStyle = '#ffffff'
      context.stroke()
      return
    case 'square':
      context.fillStyle = swatch.rim
      context.fillRect(cx - 8, cy - 8, 16, 16)
      context.fillStyle = '#ffffff'
      context.fillRect(cx - 6, cy - 6, 12, 12)
      context.fillStyle = swatch.colour
      context.fillRect(cx - 4.5, cy - 4.5, 9, 9)
      return
    case 'fill':
      context.fillStyle = swatch.colour
      context.fillRect(cx - 11, cy - 7, 22, 14)
      context.strokeStyle = '#8a8f8c'
      context.strokeRect(cx - 11, cy - 7, 22, 14)
      return
    case 'ramp': {
      const gradient = context.createLinearGradient(cx - 11, 0, cx + 11, 0)
      swatch.colours.forEach((colour, i) =>
        gradient.addColorStop(i / Math.max(1, swatch.colours.length - 1), colour),
      )
      context.fillStyle = gradient
      context.fillRect(cx - 11, cy - 7, 22, 14)
    }
  }
}

/** Saves a blob under a file name through a temporary link (the browser's own download). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
