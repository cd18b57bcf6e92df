import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, usePagePerTest } from './browser.js'
import { canvasFingerprint, openMap, rendered } from './map-page.js'

// the free-text filter and single enterprises are for signed-in staff (issue 7)
usePagePerTest({ signedInAs: 'official' })

const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) })
const param = (name: string) => new URL(page.url()).searchParams.get(name)

describe('the waste map filters', () => {
  it('draws fewer enterprises when a filter narrows them, and says so in the URL', async () => {
    await openMap(page, baseUrl)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    const before = await rendered(page, 'enterprises')
    const pictureBefore = await canvasFingerprint(page)

    await page.getByLabel('Hazardous waste').selectOption({ label: 'Hazardous streams' })
    await expect.poll(() => param('hazardous')).toBe('true')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeLessThan(before)
    expect(await rendered(page, 'enterprises')).toBeGreaterThan(0)
    expect(await canvasFingerprint(page)).not.toEqual(pictureBefore)
    await shot('map-filtered')
    expect(errors).toEqual([])
  })

  it('narrows to an EWC entry picked from the catalogue and a NACE division, kept over a reload', async () => {
    await openMap(page, baseUrl)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    const all = await rendered(page, 'enterprises')

    await page.getByLabel('EWC chapter').selectOption('10')
    await expect.poll(() => param('ewc')).toBe('10')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeLessThan(all)
    const inChapter = await rendered(page, 'enterprises')

    const picker = page.getByRole('combobox', { name: 'EWC sub-chapter or entry' })
    await picker.fill('fly ash')
    await page
      .getByRole('option', { name: /^10 01 02/ })
      .first()
      .click()
    await expect.poll(() => param('ewc')).toBe('100102')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeLessThan(inChapter)
    const withFlyAsh = await rendered(page, 'enterprises')
    expect(withFlyAsh).toBeGreaterThan(0)

    await page.reload()
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
    await expect.poll(() => picker.inputValue()).toBe('10 01 02 — coal fly ash')
    expect(await page.getByLabel('EWC chapter').inputValue()).toBe('10')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBe(withFlyAsh)

    // NACE 23: non-metallic minerals (the cement works burns coal), so at least one is left
    await page.getByLabel('Sector (NACE)').selectOption('23')
    await expect.poll(() => param('nace')).toBe('23')
    await expect
      .poll(() => rendered(page, 'enterprises'), { timeout: 30_000 })
      .toBeLessThanOrEqual(withFlyAsh)
    expect(await page.getByTestId('rendered-count').textContent()).toMatch(/^\d+ enterprises in view$/)
    await page.getByRole('button', { name: 'Clear the filters' }).click()
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBe(all)
    expect(param('ewc')).toBeNull()
    expect(await picker.inputValue()).toBe('')
    expect(errors).toEqual([])
  })
})
