import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { fetchAs } from './session.js'

/**
 * Helpers for driving the waste map through what a user sees: the map container carries the
 * counts MapView reads back from the rendered features (data-rendered-*), and the canvas pixels.
 */

export type Rgb = readonly [number, number, number]

export async function openMap(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/${query}`)
  await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
  await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(0)
}

/**
 * Opens the map zoomed in on the first enterprise of Baku (demo), with only the regions drawn, and
 * clicks the centre (no circle to hit: the click lands on the region): the region's totals panel,
 * once it names Baku.
 */
export async function clickBakuOnMap(page: Page, baseUrl: string, bakuId: number): Promise<Locator> {
  const inBaku = (await (await fetchAs('official', `/api/enterprises?regionId=${bakuId}`)).json()) as {
    features: { geometry: { coordinates: [number, number] } }[]
  }
  const [lon, lat] = inBaku.features[0]?.geometry.coordinates ?? [0, 0]
  await openMap(page, baseUrl, `?z=9.6&lat=${lat}&lon=${lon}&layers=none&measure=enterpriseCount`)
  await expect.poll(() => rendered(page, 'regions'), { timeout: 30_000 }).toBeGreaterThan(0)
  const box = await page.locator('canvas.maplibregl-canvas').boundingBox()
  if (!box) throw new Error('no map canvas')
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const totals = page.getByTestId('region-totals')
  await expect.poll(() => totals.textContent()).toContain('Baku (demo)')
  return totals
}

/** A count MapView put on the map container once the map settled; NaN before the first one. */
export async function rendered(
  page: Page,
  what: 'enterprises' | 'regions' | 'sites' | 'hexbinMax',
): Promise<number> {
  const attribute = {
    enterprises: 'rendered-enterprises',
    regions: 'rendered-regions',
    sites: 'rendered-sites',
    hexbinMax: 'hexbin-max',
  }[what]
  const value = await page.getByTestId('map').getAttribute(`data-${attribute}`)
  return value === null ? Number.NaN : Number(value)
}

/** The colour `rgb` drawn at `opacity` over `below`, as the canvas shows it. */
export function blend(rgb: Rgb, opacity: number, below: Rgb): Rgb {
  return [0, 1, 2].map((i) => Math.round(opacity * rgb[i]! + (1 - opacity) * below[i]!)) as unknown as Rgb
}

export const hex = (colour: string): Rgb =>
  [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as unknown as Rgb

/**
 * Runs in the page: the CSS-pixel position (relative to the canvas) of the first place where a
 * disc of `radius` px is all within `tolerance` of one of `colours`, or null.
 */
export function findColour(
  page: Page,
  colours: readonly Rgb[],
  radius = 3,
  tolerance = 24,
): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ colours, radius, tolerance }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')
      if (!canvas) return null
      const copy = document.createElement('canvas')
      copy.width = canvas.width
      copy.height = canvas.height
      const context = copy.getContext('2d')
      if (!context) return null
      context.drawImage(canvas, 0, 0)
      const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height)
      const ratio = canvas.width / canvas.clientWidth
      const d = Math.max(1, Math.round(radius * ratio))
      const matches = (x: number, y: number, [r, g, b]: number[]) => {
        const i = (y * width + x) * 4
        return (
          Math.abs(data[i]! - r!) <= tolerance &&
          Math.abs(data[i + 1]! - g!) <= tolerance &&
          Math.abs(data[i + 2]! - b!) <= tolerance
        )
      }
      const around = [
        [0, 0],
        [d, 0],
        [-d, 0],
        [0, d],
        [0, -d],
      ]
      for (let y = d; y < height - d; y += 2) {
        for (let x = d; x < width - d; x += 2) {
          for (const colour of colours) {
            if (around.every(([dx, dy]) => matches(x + dx!, y + dy!, colour as number[]))) {
              return { x: x / ratio, y: y / ratio }
            }
          }
        }
      }
      return null
    },
    { colours: colours.map((c) => [...c]), radius, tolerance },
  )
}

/** Runs in the page: a coarse fingerprint of the canvas (mean colour of a 16 × 10 grid of cells). */
export function canvasFingerprint(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')
    if (!canvas) return []
    const small = document.createElement('canvas')
    small.width = 16
    small.height = 10
    const context = small.getContext('2d')
    if (!context) return []
    context.drawImage(canvas, 0, 0, 16, 10)
    return [...context.getImageData(0, 0, 16, 10).data]
  })
}

/** Runs in the page: how many canvas pixels are none of the given (basemap) colours. */
export function pixelsOtherThan(page: Page, colours: readonly Rgb[], tolerance = 6): Promise<number> {
  return page.evaluate(
    ({ colours, tolerance }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')
      if (!canvas) return 0
      const copy = document.createElement('canvas')
      copy.width = canvas.width
      copy.height = canvas.height
      const context = copy.getContext('2d')
      if (!context) return 0
      context.drawImage(canvas, 0, 0)
      const { data } = context.getImageData(0, 0, copy.width, copy.height)
      let count = 0
      for (let i = 0; i < data.length; i += 4) {
        const basemap = colours.some(
          ([r, g, b]) =>
            Math.abs(data[i]! - r) <= tolerance &&
            Math.abs(data[i + 1]! - g) <= tolerance &&
            Math.abs(data[i + 2]! - b) <= tolerance,
        )
        if (!basemap) count++
      }
      return count
    },
    { colours: colours.map((c) => [...c] as [number, number, number]), tolerance },
  )
}
