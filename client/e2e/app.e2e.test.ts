import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { launchChromium, recordErrors, screenshotDir } from './browser.js'

const baseUrl = inject('baseUrl')
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  errors = recordErrors(page)
})

describe('the map screen', () => {
  it('shows the demo pilot region, labelled as demo data, with its enterprises', async () => {
    await page.goto(baseUrl)
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
    await expect.poll(() => page.getByRole('note').textContent()).toContain('Demo data')
    await expect.poll(() => page.getByTestId('health').textContent()).toContain('embedded database')
    await page.getByRole('button', { name: /Sumgait \(demo\)/ }).waitFor()
    const all = await enterpriseCount(page)
    expect(all).toBeGreaterThanOrEqual(40)
    await page.waitForTimeout(1000) // let the map draw before the picture
    await page.screenshot({ path: path.join(screenshotDir, 'map-demo-region.png') })

    await page.getByRole('button', { name: /Sumgait \(demo\)/ }).click()
    await expect.poll(() => enterpriseCount(page)).toBeLessThan(all)
    expect(new URL(page.url()).searchParams.get('region')).toMatch(/^\d+$/)
    expect(errors).toEqual([])
  })

  it('opens an enterprise card when a circle is clicked', async () => {
    await page.goto(baseUrl)
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
    await expect.poll(() => enterpriseCount(page)).toBeGreaterThan(0)
    await page.waitForTimeout(1000)
    const canvas = page.locator('canvas.maplibregl-canvas')
    const box = await canvas.boundingBox()
    if (!box) throw new Error('no map canvas')
    // Circles are drawn in the enterprise colours; find one by scanning the rendered pixels.
    const hit = await page.evaluate(findCirclePixel)
    expect(hit, 'an enterprise circle is drawn on the map').not.toBeNull()
    if (!hit) return
    await page.mouse.click(box.x + hit.x, box.y + hit.y)
    await page.getByTestId('enterprise-card').waitFor()
    await expect.poll(() => page.getByTestId('enterprise-card').textContent()).toMatch(/t\/year in total/)
    await page.screenshot({ path: path.join(screenshotDir, 'map-enterprise-card.png') })
    expect(errors).toEqual([])
  })
})

describe('the catalogue screen', () => {
  it('finds a List of Waste entry by any spelling of its code', async () => {
    await page.goto(`${baseUrl}/catalog`)
    await page.getByRole('searchbox').fill('10.01.02')
    await expect.poll(() => page.locator('td.code').first().textContent()).toBe('10 01 02')
    await page.getByRole('searchbox').fill('fly ash')
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('9 found')
    expect(await page.locator('td.code').allTextContents()).toContain('19 01 13*')
    await page.screenshot({ path: path.join(screenshotDir, 'catalog-ewc.png') })
    expect(errors).toEqual([])
  })

  it('finds a NACE class by words', async () => {
    await page.goto(`${baseUrl}/catalog?tab=nace`)
    await page.getByRole('searchbox').fill('cement')
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('5 found')
    expect(await page.locator('td.code').allTextContents()).toContain('23.51')
    await page.screenshot({ path: path.join(screenshotDir, 'catalog-nace.png') })
    expect(errors).toEqual([])
  })
})

async function enterpriseCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('enterprise-count').textContent()) ?? ''
  return Number(text.match(/\d+/)?.[0] ?? Number.NaN)
}

/** Runs in the page: the first pixel of the map canvas in an enterprise circle colour. */
function findCirclePixel(): { x: number; y: number } | null {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas')
  if (!canvas) return null
  const copy = document.createElement('canvas')
  copy.width = canvas.width
  copy.height = canvas.height
  const context = copy.getContext('2d')
  if (!context) return null
  context.drawImage(canvas, 0, 0)
  const { data } = context.getImageData(0, 0, copy.width, copy.height)
  const ratio = canvas.width / canvas.clientWidth
  // Blended on the land colour at 0.75 opacity: #2f6f9f → about (81, 128, 166), #c0392b → (206, 86, 65).
  const colours = [
    [81, 128, 166],
    [206, 86, 65],
  ] as const
  const at = (x: number, y: number, [r, g, b]: readonly number[]) => {
    const i = (y * copy.width + x) * 4
    return (
      Math.abs((data[i] ?? 0) - (r ?? 0)) < 30 &&
      Math.abs((data[i + 1] ?? 0) - (g ?? 0)) < 30 &&
      Math.abs((data[i + 2] ?? 0) - (b ?? 0)) < 30
    )
  }
  // Inside a circle, not on its anti-aliased rim: the pixel and its neighbours 4 px away all match.
  const d = Math.round(4 * ratio)
  for (let y = d; y < copy.height - d; y += 2) {
    for (let x = d; x < copy.width - d; x += 2) {
      for (const colour of colours) {
        if (
          [
            [0, 0],
            [d, 0],
            [-d, 0],
            [0, d],
            [0, -d],
          ].every(([dx = 0, dy = 0]) => at(x + dx, y + dy, colour))
        ) {
          return { x: x / ratio, y: y / ratio }
        }
      }
    }
  }
  return null
}
