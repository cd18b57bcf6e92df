import path from 'node:path'
import type { CoverageResponse, NotReportedResponse, SurveyYears } from '@contract/coverage.js'
import { describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { openMap, rendered } from './map-page.js'
import { fetchAs } from './session.js'

// Issue 12: the map shows one survey year and names it; staff find the enterprises that have not
// reported, on the map and on the dashboard. Coverage is for staff: signed in as an official.
usePagePerTest({ viewport: { width: 1280, height: 900 }, signedInAs: 'official' })

const shot = async (name: string) => {
  await steady(page)
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) })
}
const param = (name: string) => new URL(page.url()).searchParams.get(name)

async function api<T>(url: string): Promise<T> {
  const response = await fetchAs('official', `/api/${url}`)
  expect(response.status, url).toBe(200)
  return (await response.json()) as T
}

async function pilotRegion(): Promise<number> {
  const regions = await api<{ features: { properties: { id: number; name: string; level: string } }[] }>(
    'regions',
  )
  const pilot = regions.features.find((f) => f.properties.level === 'pilot')
  if (!pilot) throw new Error('the demo data has no pilot region')
  return pilot.properties.id
}

describe('the map and its survey year', () => {
  it('opens on the latest survey year and says so', async () => {
    const { years, latest } = await api<SurveyYears>('survey-years')
    expect(latest).not.toBeNull()
    await openMap(page, baseUrl)
    await expect.poll(() => page.getByTestId('legend-year').textContent()).toBe(`Survey year ${latest}`)
    const select = page.getByLabel('Survey year', { exact: true })
    await expect
      .poll(() => select.locator('option:checked').textContent())
      .toBe(`Latest with data (${latest})`)
    // every year with data is offered, and no "any year" that would add them together
    const offered = await select.locator('option').allTextContents()
    expect(offered.slice(1)).toEqual(years.map(String).reverse())
    expect(offered).not.toContain('Any year')
    // the enterprises drawn are those of that year: the same map as with the year in the URL
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(0)
    const drawn = await rendered(page, 'enterprises')
    const reported = await api<{ total: number }>(`enterprises?surveyYear=${latest}&limit=1`)
    expect(drawn).toBeLessThanOrEqual(reported.total)
    await shot('coverage-map-latest-year')
    await openMap(page, baseUrl, `?surveyYear=${latest}`)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBe(drawn)
    expect(errors).toEqual([])
  })

  it('shows the enterprises not reported for a year, and names that year', async () => {
    const { years } = await api<SurveyYears>('survey-years')
    // the demo's earlier year, which most of its enterprises did not report
    const year = years[0]
    if (year === undefined) throw new Error('the demo data has no survey year')
    const missing = await api<{ total: number }>(`enterprises?notReportedFor=${year}&limit=1`)
    expect(missing.total).toBeGreaterThan(0)

    // what the map draws for the filter, opened straight on it (a first drawing, so no stale count)
    await openMap(page, baseUrl, `?notReportedFor=${year}`)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(0)
    const notReported = await rendered(page, 'enterprises')
    expect(notReported).toBeLessThanOrEqual(missing.total)

    // and the same reached through the panel: pick the year, then tick the box
    await openMap(page, baseUrl)
    await page.getByLabel('Survey year', { exact: true }).selectOption(String(year))
    await expect.poll(() => param('surveyYear')).toBe(String(year))
    await expect.poll(() => page.getByTestId('legend-year').textContent()).toBe(`Survey year ${year}`)
    // follows the URL, committed by the router after Playwright's check() looks when busy
    await page.getByLabel(`Only those not reported for ${year}`).click()
    await expect.poll(() => page.getByLabel(`Only those not reported for ${year}`).isChecked()).toBe(true)
    await expect.poll(() => param('notReportedFor')).toBe(String(year))
    expect(param('surveyYear')).toBeNull()
    await expect.poll(() => page.getByTestId('legend-year').textContent()).toBe(`Not reported for ${year}`)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBe(notReported)
    await shot('coverage-map-not-reported')

    // kept over a reload, and undone by the same box
    await page.reload()
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBe(notReported)
    // follows the URL, committed by the router after Playwright's uncheck() looks when busy
    await page.getByLabel(`Only those not reported for ${year}`).click()
    await expect.poll(() => page.getByLabel(`Only those not reported for ${year}`).isChecked()).toBe(false)
    await expect.poll(() => param('surveyYear')).toBe(String(year))
    expect(param('notReportedFor')).toBeNull()
    expect(errors).toEqual([])
  })
})

describe('the dashboard coverage card', () => {
  it('gives registered, reported, share and tonnes per year, and lists who has not reported', async () => {
    const regionId = await pilotRegion()
    const { years } = await api<SurveyYears>(`survey-years?regionId=${regionId}`)
    const year = years[0]
    if (year === undefined) throw new Error('the pilot region has no survey year')
    const coverage = await api<CoverageResponse>(`coverage?regionId=${regionId}&year=${year}`)
    const shown = coverage.regions[0]?.shown
    if (!shown) throw new Error('no coverage for the pilot region')
    const missing = await api<NotReportedResponse>(
      `coverage/not-reported?regionId=${regionId}&year=${year}&limit=5`,
    )

    await page.goto(`${baseUrl}/dashboard?regionId=${regionId}&year=${year}`)
    const card = page.getByTestId('coverage-card')
    await card.waitFor()
    const figure = (id: string) => card.locator(`[data-figure="${id}"] .dashboard-figure-value`)
    await expect.poll(() => figure('registered').textContent()).toBe(String(shown.enterprisesRegistered))
    expect(await figure('reported').textContent()).toBe(String(shown.enterprisesReported))
    expect(await figure('share').textContent()).toMatch(/^\d+(\.\d)? %$/)
    // one row per survey year with data
    await expect
      .poll(() => card.getByTestId('coverage-by-year').locator('tbody th').allTextContents())
      .toEqual(coverage.regions[0]?.byYear.map((row) => String(row.year)))
    // the not-reported list: its first enterprises by name, each a link to its record
    const list = card.getByTestId('not-reported')
    await expect
      .poll(() => list.locator('h4').textContent())
      .toContain(`Not reported for ${year} (${missing.total})`)
    const first = missing.items[0]
    if (!first) throw new Error('everyone reported')
    const link = list.getByRole('link', { name: first.name, exact: true })
    expect(await link.getAttribute('href')).toBe(`/enterprises/${first.id}`)
    // the dashboard scrolls inside its page: a window tall enough to hold the card unscrolled
    await page.setViewportSize({ width: 1280, height: 5000 })
    await steady(page)
    await card.screenshot({ path: path.join(screenshotDir, 'coverage-dashboard-card.png') })
    await page.setViewportSize({ width: 1280, height: 900 })

    await link.click()
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/enterprises/${first.id}`)
    expect(errors).toEqual([])
  })
})
