import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, usePagePerTest } from './browser.js'

usePagePerTest()

// The waste map's browser tests are in map-explorer.e2e.test.ts and map-export.e2e.test.ts.

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
