import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { canvasFingerprint, findColour, openMap, rendered } from './map-page.js'

usePagePerTest({ acceptDownloads: true, signedInAs: 'official' })

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('exporting the view', () => {
  it('downloads a PNG of the map with room for its title and legend', async () => {
    await openMap(page, baseUrl, '?hazardous=true')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(0)
    await steady(page.getByTestId('map'))
    const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox()
    if (!canvas) throw new Error('no map canvas')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the view (PNG)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^loopmap-waste-map-\d{4}-\d\d-\d\d\.png$/)
    const file = path.join(screenshotDir, 'map-export.png')
    await download.saveAs(file)
    const size = pngSize(await fs.readFile(file))
    // the map at its own size, a legend column beside it, a title above and the attribution below
    expect(size.width).toBeGreaterThan(canvas.width + 200)
    expect(size.height).toBeGreaterThan(canvas.height + 60)
    expect(errors).toEqual([])
  })
})

describe('the base map', () => {
  it('uses the remote style named by /api/map-config, with the waste layers on top', async () => {
    const styleUrl = `${baseUrl}/e2e-remote-style.json`
    await page.route('**/api/map-config', (route) => route.fulfill({ json: { basemapStyleUrl: styleUrl } }))
    await page.route(styleUrl, (route) =>
      route.fulfill({
        json: {
          version: 8,
          sources: {},
          layers: [{ id: 'remote-background', type: 'background', paint: { 'background-color': '#7a3cff' } }],
        },
      }),
    )
    await openMap(page, baseUrl, '?measure=none')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    expect(
      await findColour(page, [[0x7a, 0x3c, 0xff]], 4, 4),
      'the remote background is drawn',
    ).not.toBeNull()
    await page.screenshot({ path: path.join(screenshotDir, 'map-remote-basemap.png') })
    expect(errors).toEqual([])
  })

  it('falls back to the offline basemap when the remote style cannot be loaded', async () => {
    const styleUrl = `${baseUrl}/e2e-missing-style.json`
    await page.route('**/api/map-config', (route) => route.fulfill({ json: { basemapStyleUrl: styleUrl } }))
    await page.route(styleUrl, (route) => route.abort('internetdisconnected'))
    await openMap(page, baseUrl)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    expect((await canvasFingerprint(page)).length).toBeGreaterThan(0)
    // the only complaint is the browser's own note of the refused request
    expect(
      errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error)),
    ).toEqual([])
  })
})
