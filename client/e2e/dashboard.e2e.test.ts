import fs from 'node:fs/promises'
import path from 'node:path'
import type { AggregateResponse } from '@contract/aggregates.js'
import { describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { clickBakuOnMap } from './map-page.js'
import { fetchAs, signInAs } from './session.js'

// officials are who the dashboard is for; the public's view is checked in accounts.e2e.test.ts
usePagePerTest({ viewport: { width: 1280, height: 900 }, signedInAs: 'official' })

/** The dashboard scrolls inside its page, so a screenshot of all of it needs a tall window. */
async function shot(name: string, height = 3600) {
  await page.setViewportSize({ width: 1280, height })
  await steady(page)
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) })
}

/** The API as the page sees it: signed in as the official. */
async function api<T>(url: string): Promise<T> {
  return (await (await fetchAs('official', `/api/${url}`)).json()) as T
}

async function demoRegion(name: string): Promise<number> {
  const regions = await api<{ features: { properties: { id: number; name: string } }[] }>('regions')
  const region = regions.features.find((f) => f.properties.name === name)
  if (!region) throw new Error(`the demo data has no region ${name}`)
  return region.properties.id
}

/** Marks Observable Plot drew in a chart: `bar` rectangles, `text` labels. */
const marks = (chart: string, mark: 'bar' | 'text', element: 'rect' | 'text') =>
  page.getByTestId(chart).locator(`svg g[aria-label="${mark}"] ${element}`)

describe('the dashboard', () => {
  it('opens from a region on the map and shows its figures, charts, flows, outlet gap and map', async () => {
    // first as the public, who gets the small cells withheld; then as an official, who gets the flows
    await page.context().clearCookies()
    const baku = await demoRegion('Baku (demo)')
    const totals = await clickBakuOnMap(page, baseUrl, baku)
    await totals.getByRole('link', { name: 'Open the dashboard' }).click()

    expect(new URL(page.url()).pathname).toBe('/dashboard')
    expect(new URL(page.url()).searchParams.get('regionId')).toBe(String(baku))
    await page.getByRole('heading', { level: 2, name: 'Baku (demo)' }).waitFor()
    const figures = page.getByTestId('headline-figures')
    await figures.waitFor()

    // the figures are the API's, rounded as shown
    const answer = (await (
      await fetch(`${baseUrl}/api/aggregates?regionId=${baku}`)
    ).json()) as AggregateResponse
    const area = answer.areas[0]!
    const tonnes = `${Math.round(area.totals.tonnesPerYear!).toLocaleString('en')} t/year`
    expect(await figures.locator('[data-figure="generated"]').textContent()).toContain(tonnes)
    expect(await figures.locator('[data-figure="enterprises"]').textContent()).toContain(
      String(area.totals.enterpriseCount),
    )
    expect(await figures.locator('[data-figure="generated"]').textContent()).toMatch(
      /Basis: [\d.]+ % measured/,
    )
    expect(await page.getByTestId('disclosure-note').textContent()).toContain('fewer than 3 enterprises')
    // the public's tonnes are noisy and rounded (docs/disclosure.md), and the page says so
    expect(await page.getByTestId('disclosure-note').textContent()).toContain('approximate')
    await shot('dashboard-public', 1400)
    await page.setViewportSize({ width: 1280, height: 900 })

    // one bar per published chapter, one "withheld" band per withheld chapter (never a 0 bar)
    const published = area.byEwcChapter.filter((cell) => cell.suppressed === null)
    const withheld = area.byEwcChapter.filter((cell) => cell.suppressed !== null)
    expect(withheld.length, 'the demo dashboard has withheld cells for the public').toBeGreaterThan(0)
    // three bar marks: the withheld bands, the bars, their hazardous parts
    await expect
      .poll(() => marks('chart-chapters', 'bar', 'rect').count())
      .toBe(withheld.length + 2 * published.length)
    const chapterTexts = await marks('chart-chapters', 'text', 'text').allTextContents()
    expect(chapterTexts.filter((text) => text.startsWith('withheld'))).toHaveLength(withheld.length)
    for (const chart of ['chart-routes', 'chart-sectors', 'chart-years', 'chart-top-streams']) {
      expect(await page.getByTestId(chart).locator('svg').count(), chart).toBe(1)
    }
    expect(await marks('chart-routes', 'bar', 'rect').count()).toBeGreaterThan(0)

    // the flow diagram is drawn from single streams: staff only
    const flow = page.getByTestId('flow')
    expect(await flow.textContent()).toContain('sign in as an analyst or official')
    await signInAs(page, 'official')
    await page.reload()
    await expect.poll(() => flow.locator('svg path').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await page.getByTestId('flow-note').textContent()).toMatch(
      /Every flow is shown|Small flows are hidden/,
    )

    const gap = page.getByTestId('outlet-gap')
    await expect.poll(() => gap.locator('tbody tr').count()).toBe(area.byEwcChapter.length)
    await gap.getByLabel('Outlets within').selectOption('10')
    await expect.poll(() => new URL(page.url()).searchParams.get('distanceKm')).toBe('10')
    await page.getByTestId('mini-map').and(page.locator('[data-ready="true"]')).waitFor()
    await shot('dashboard-region')
    expect(errors).toEqual([])
  })

  it('opens on the latest survey year and names it; another year is chosen, never summed', async () => {
    const pilot = await demoRegion('Absheron–Baku pilot region (demo)')
    const answer = await api<AggregateResponse>(`aggregates?regionId=${pilot}`)
    const area = answer.areas[0]!
    const latest = area.surveyYear!
    expect(area.years.length, 'the demo has two survey years').toBeGreaterThan(1)
    await page.goto(`${baseUrl}/dashboard?regionId=${pilot}`)
    const line = page.getByTestId('survey-year')
    await expect
      .poll(() => line.textContent())
      .toContain(`Figures for survey year ${latest}, the latest with data here`)
    const figures = page.getByTestId('headline-figures')
    const generated = figures.locator('[data-figure="generated"]')
    expect(await generated.textContent()).toContain(`Waste generated in ${latest}`)
    expect(await generated.textContent()).toContain(
      `${Math.round(area.totals.tonnesPerYear!).toLocaleString('en')} t/year`,
    )
    // the change is like for like, with the all-enterprises change and each year's coverage beside it
    expect(await figures.locator('[data-figure="yearOnYear"]').textContent()).toMatch(
      /like for like.*reported in both years.*All enterprises: [+-]?[\d,.]+ % \(\d+ → \d+ reported\)/,
    )
    await shot('dashboard-latest-year', 1400)

    const earlier = area.years[0]!
    await page.getByTestId('year-select').selectOption(String(earlier))
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(earlier))
    await expect.poll(() => line.textContent()).toContain(`Figures for survey year ${earlier}`)
    const then = (await api<AggregateResponse>(`aggregates?regionId=${pilot}&year=${earlier}`)).areas[0]!
    await expect
      .poll(() => generated.textContent())
      .toContain(`${Math.round(then.totals.tonnesPerYear!).toLocaleString('en')} t/year`)
    expect(await figures.locator('[data-figure="enterprises"]').textContent()).toContain(
      `Enterprises reported for ${earlier}${then.totals.enterpriseCount}`,
    )
    expect(errors).toEqual([])
  })

  it('downloads a table as CSV and as Excel', async () => {
    const baku = await demoRegion('Baku (demo)')
    await page.goto(`${baseUrl}/dashboard?regionId=${baku}`)
    const chapters = page.getByTestId('chart-chapters')
    await chapters.locator('svg').waitFor()

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      chapters.getByRole('link', { name: /\(CSV\)/ }).click(),
    ])
    expect(csv.suggestedFilename()).toBe('loopmap-byEwcChapter.csv')
    const text = await fs.readFile((await csv.path())!, 'utf8')
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(header).toMatch(/^region_id,region,level,survey_year,key,label,enterprises,tonnes_per_year/)
    expect(rows.length).toBeGreaterThan(0)
    // every row names its survey year: the latest, as the dashboard shows
    expect(rows.every((row) => /^\d+,Baku \(demo\),admin2,20\d\d,/.test(row))).toBe(true)

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      chapters.getByRole('link', { name: /\(XLSX\)/ }).click(),
    ])
    expect(xlsx.suggestedFilename()).toBe('loopmap-byEwcChapter.xlsx')
    const bytes = await fs.readFile((await xlsx.path())!)
    expect(bytes.subarray(0, 2).toString()).toBe('PK') // a zip, as every .xlsx is
    expect(errors).toEqual([])
  })

  it('compares regions side by side on one scale', async () => {
    const [baku, sumgait] = [await demoRegion('Baku (demo)'), await demoRegion('Sumgait (demo)')]
    await page.goto(`${baseUrl}/dashboard/compare?regionId=${baku}`)
    await page.getByText('Tick two or more regions').waitFor()
    // the checkbox shows the URL's regions: it turns checked once the router has committed the
    // new URL, which under load comes after Playwright's check() looks (it then fails the click)
    const sumgaitBox = page.getByRole('checkbox', { name: 'Sumgait (demo)' })
    await sumgaitBox.click()
    await expect.poll(() => sumgaitBox.isChecked()).toBe(true)
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('regionId'))
      .toEqual([String(baku), String(sumgait)])

    const table = page.getByTestId('compare-table')
    await table.waitFor()
    // each column names the survey year of its figures
    const years = await Promise.all(
      [baku, sumgait].map(
        async (id) => (await api<AggregateResponse>(`aggregates?regionId=${id}`)).areas[0]!.surveyYear,
      ),
    )
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Figure',
      `Baku (demo) · Survey year ${years[0]}`,
      `Sumgait (demo) · Survey year ${years[1]}`,
    ])
    const chart = page.getByTestId('compare-chapters')
    await expect.poll(() => marks('compare-chapters', 'bar', 'rect').count()).toBeGreaterThan(0)
    const svgText = (await chart.locator('svg').textContent()) ?? ''
    expect(svgText).toContain('Baku (demo)')
    expect(svgText).toContain('Sumgait (demo)')
    await shot('dashboard-compare', 1800)
    expect(errors).toEqual([])
  })

  it('totals an area drawn on the map', async () => {
    await page.goto(`${baseUrl}/dashboard/area`)
    const map = page.getByTestId('area-map')
    await map.and(page.locator('[data-ready="true"]')).waitFor()
    await steady(map)
    const box = await map.locator('canvas').boundingBox()
    if (!box) throw new Error('no map canvas')
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2]
    // the demo regions fill the map: a box around its centre holds most of their enterprises
    for (const [dx, dy] of [
      [-220, -150],
      [180, -150],
      [180, 140],
      [-220, 140],
      [-220, -150],
    ] as const) {
      await page.mouse.click(cx + dx, cy + dy)
      await steady(map)
    }
    const totals = page.getByTestId('area-totals')
    await totals.waitFor({ timeout: 15_000 })
    const enterprises = Number(await totals.locator('[data-figure="enterprises"] strong').textContent())
    expect(enterprises).toBeGreaterThan(3)
    expect(await totals.locator('[data-figure="generated"]').textContent()).toMatch(/[\d,]+ t\/year/)
    await expect.poll(() => marks('chart-chapters', 'bar', 'rect').count()).toBeGreaterThan(0)
    await shot('dashboard-area', 2000)

    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByRole('button', { name: 'Clear the drawing' }).click()
    await expect.poll(() => totals.count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('prints without navigation or controls, the charts across the page', async () => {
    const baku = await demoRegion('Baku (demo)')
    await page.goto(`${baseUrl}/dashboard?regionId=${baku}`)
    await page.getByTestId('chart-chapters').locator('svg').waitFor()
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.app-header').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false)
    expect(await page.getByRole('note').textContent()).toContain('Demo data')
    const chart = await page.getByTestId('chart-sectors').boundingBox()
    expect(chart?.width).toBeGreaterThan(1100)
    await shot('dashboard-print', 3600)
    expect(errors).toEqual([])
  })
})
