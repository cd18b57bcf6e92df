import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { fetchAs, signInAs } from './session.js'

usePagePerTest({ viewport: { width: 1280, height: 900 } })

/** Types into a code picker and takes the first option whose text matches. */
async function pickCode(page: Page, label: string | RegExp, typed: string, option: RegExp) {
  const input = page.getByRole('combobox', { name: label })
  await input.fill(typed)
  await page.getByRole('option', { name: option }).first().click()
  await expect.poll(() => input.inputValue()).toMatch(option)
}

/** A cement works (NACE 23.51) added through the API as the analyst, for a test to open. */
function newCementWorks(name: string, coordinates: [number, number]) {
  return fetchAs('analyst', '/api/enterprises', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, naceCode: '23.51', location: { type: 'Point', coordinates } }),
  }).then((r) => r.json() as Promise<{ id: number; version: number }>)
}

describe('the enterprise form', () => {
  // an analyst edits inside the demo pilot region assigned to them (issue 7)
  beforeEach(() => signInAs(page, 'analyst'))

  it('adds an enterprise placed by a map click, with a waste stream found by EWC search, and shows it on the map', async () => {
    await page.goto(`${baseUrl}/enterprises/new`)
    await page.getByTestId('location-map').and(page.locator('[data-ready="true"]')).waitFor()

    // Saving an empty form names the fields that need filling, next to them.
    await page.getByRole('button', { name: 'Save' }).click()
    const name = page.getByLabel('Name', { exact: true })
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true')
    const nameError = await name.getAttribute('aria-describedby')
    expect(await page.locator(`#${nameError}`).textContent()).toMatch(/must not be empty/)
    expect(await page.getByRole('alert').allTextContents()).toContainEqual(
      expect.stringMatching(/click the map or type longitude and latitude/),
    )

    await name.fill('E2E Recycling Works')
    await page.getByLabel('National id').fill('E2E-0001')
    // The NACE picker by keyboard alone: type, wait for the list, Enter takes the highlighted option.
    const nace = page.getByRole('combobox', { name: 'NACE class' })
    await nace.fill('23.51')
    await page.getByRole('option', { name: /^23\.51 Manufacture of cement/ }).waitFor()
    await nace.press('Enter')
    await expect.poll(() => nace.inputValue()).toBe('23.51 — Manufacture of cement')

    // The site: a click in the middle of the map (the demo pilot region is fitted into view).
    const map = page.getByTestId('location-map').locator('canvas')
    const box = await map.boundingBox()
    if (!box) throw new Error('no map canvas')
    await steady(page.getByTestId('location-map'))
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => page.getByLabel('Longitude').inputValue()).toMatch(/^\d+\.\d+$/)
    expect(Number(await page.getByLabel('Latitude').inputValue())).toBeGreaterThan(39)

    await page.getByRole('button', { name: 'Add a waste stream' }).click()
    await pickCode(page, 'EWC code', 'fly ash', /^10 01 02 /)
    await page.getByLabel('Quantity').fill('120')
    // the demo's latest survey year: a stream of a later year would make that year the map's default
    await page.getByLabel('Survey year').fill('2024')
    await page.getByLabel('Basis').selectOption('measured')
    await page.getByLabel('Management route').selectOption('R5')
    await expect.poll(() => page.locator('.stream-total').textContent()).toContain('120 t/year')
    await page.screenshot({ path: path.join(screenshotDir, 'enterprise-form-filled.png'), fullPage: true })

    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    expect(new URL(page.url()).pathname).toMatch(/^\/enterprises\/\d+$/)
    expect(await page.getByRole('combobox', { name: 'EWC code' }).inputValue()).toMatch(/^10 01 02/)

    await page.getByRole('link', { name: 'Show it on the waste map' }).click()
    await page.getByTestId('enterprise-card').waitFor()
    await expect
      .poll(() => page.getByTestId('enterprise-card').textContent())
      .toContain('E2E Recycling Works')
    await expect.poll(() => page.getByTestId('enterprise-card').textContent()).toContain('120 t in 2024')
    await steady(page.getByTestId('map'))
    await page.screenshot({ path: path.join(screenshotDir, 'enterprise-on-map.png') })

    // And in the register, found by its national id.
    await page.getByRole('link', { name: 'Enterprises' }).click()
    await page.getByLabel(/Search by name/).fill('E2E-0001')
    await page.getByRole('link', { name: 'E2E Recycling Works' }).waitFor()
    await expect.poll(() => page.getByTestId('enterprise-list-count').textContent()).toBe('1 enterprises')
    await page.screenshot({ path: path.join(screenshotDir, 'enterprise-list.png') })
    expect(errors).toEqual([])
  })

  it('says the record changed elsewhere when saving a stale version', async () => {
    const created = await newCementWorks('E2E Stale Works', [49.65, 40.6])
    await page.goto(`${baseUrl}/enterprises/${created.id}`)
    await page.getByLabel('Address').fill('2 Harbour Road')

    // Someone else saves in between.
    const other = await fetchAs('analyst', `/api/enterprises/${created.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'E2E Stale Works (renamed)',
        naceCode: '23.51',
        location: { type: 'Point', coordinates: [49.65, 40.6] },
        version: created.version,
      }),
    })
    expect(other.status).toBe(200)

    await page.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/changed by someone else/))
    await page.getByRole('button', { name: 'Reload' }).click()
    await expect
      .poll(() => page.getByLabel('Name', { exact: true }).inputValue())
      .toBe('E2E Stale Works (renamed)')
    expect(errors.filter((e) => !e.includes('409'))).toEqual([])
  })

  it('records a treatment permit and a resource need that are still there after a reload', async () => {
    const created = await newCementWorks('E2E Permit Works', [49.66, 40.61])
    await page.goto(`${baseUrl}/enterprises/${created.id}`)

    await page.getByRole('button', { name: 'Add a permit' }).click()
    await page.getByLabel('Permit number').fill('E2E-P-1')
    await page.getByLabel('Operation (R/D)').selectOption('R4')
    // A bad code is named next to the field before anything is sent.
    const accepted = page.getByLabel(/Accepted EWC codes/)
    await accepted.fill('12 01, 9x')
    await page.getByLabel('Capacity, t/year').fill('5000')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => accepted.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await accepted.getAttribute('aria-describedby')}`).textContent()).toMatch(
      /"9x" is not an EWC code/,
    )
    await accepted.fill('12 01')

    await page.getByRole('button', { name: 'Add a resource need' }).click()
    await page.getByRole('combobox', { name: 'Add an EWC code or prefix' }).fill('12 01 01')
    await page
      .getByRole('option', { name: /^12 01 01 / })
      .first()
      .click()
    await expect
      .poll(() => page.getByTestId('need-row').locator('.chip').allTextContents())
      .toEqual([expect.stringContaining('12 01 01')])
    await page.getByLabel('Quantity, t/year').fill('800')
    await page.getByLabel('Max distance, km').fill('150')

    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()

    await page.reload()
    await page.getByTestId('permit-row').waitFor()
    expect(await page.getByLabel('Permit number').inputValue()).toBe('E2E-P-1')
    expect(await page.getByLabel('Operation (R/D)').inputValue()).toBe('R4')
    expect(await page.getByLabel(/Accepted EWC codes/).inputValue()).toBe('12 01')
    expect(await page.getByLabel('Capacity, t/year').inputValue()).toBe('5000')
    expect(await page.getByTestId('need-row').locator('.chip').allTextContents()).toEqual([
      expect.stringContaining('12 01 01'),
    ])
    expect(await page.getByLabel('Quantity, t/year').inputValue()).toBe('800')
    expect(await page.getByLabel('Max distance, km').inputValue()).toBe('150')
    expect(errors).toEqual([])
  })
})

describe('the region editor', () => {
  // regions are an admin's to edit (issue 7)
  beforeEach(() => signInAs(page, 'admin'))

  it('saves a polygon drawn on the map', async () => {
    await page.goto(`${baseUrl}/regions`)
    const regionMap = page.getByTestId('region-map')
    await regionMap.and(page.locator('[data-ready="true"]')).waitFor()
    await steady(regionMap)
    const box = await regionMap.locator('canvas').boundingBox()
    if (!box) throw new Error('no map canvas')
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2]
    // Four corners, then the first again to close the ring.
    for (const [dx, dy] of [
      [-80, -60],
      [80, -60],
      [80, 60],
      [-80, 60],
      [-80, -60],
    ] as const) {
      await page.mouse.click(cx + dx, cy + dy)
      await steady(regionMap)
    }
    const geometry = JSON.parse(await page.getByLabel(/Boundary as GeoJSON/).inputValue())
    expect(geometry.type).toBe('Polygon')
    expect(geometry.coordinates[0]).toHaveLength(5)

    await page.getByRole('button', { name: 'Save region' }).click()
    expect(await page.getByRole('alert').allTextContents()).toContainEqual('must not be empty')
    await page.getByLabel('Name', { exact: true }).fill('E2E drawn area')
    await page.getByRole('button', { name: 'Save region' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved E2E drawn area.' }).waitFor()
    await page.getByRole('button', { name: 'Edit E2E drawn area' }).waitFor()
    await page.screenshot({ path: path.join(screenshotDir, 'region-drawn.png') })
    expect(errors).toEqual([])
  })

  it('imports boundaries from a GeoJSON file, named by the chosen property', async () => {
    const square = (x: number, y: number) => [
      [
        [x, y],
        [x + 0.05, y],
        [x + 0.05, y + 0.05],
        [x, y + 0.05],
        [x, y],
      ],
    ]
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 1, LABEL: 'E2E Boundary A' },
          geometry: { type: 'Polygon', coordinates: square(49.2, 40.2) },
        },
        {
          type: 'Feature',
          properties: { id: 2, LABEL: 'E2E Boundary B' },
          geometry: { type: 'Polygon', coordinates: square(49.3, 40.2) },
        },
      ],
    }
    await page.goto(`${baseUrl}/regions`)
    await page.getByLabel(/GeoJSON file/).setInputFiles({
      name: 'boundaries.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(collection)),
    })
    await page.getByLabel('Property holding the name').selectOption('LABEL')
    await page.getByRole('button', { name: 'Import 2 regions' }).click()
    await page.getByRole('status').filter({ hasText: 'Imported 2 regions.' }).waitFor()
    await page.getByRole('button', { name: 'Edit E2E Boundary B' }).waitFor()
    expect(errors).toEqual([])
  })
})

describe('the import wizard', () => {
  beforeEach(() => signInAs(page, 'analyst'))

  it('reports the one bad row of the template, lets it be fixed, then imports', async () => {
    const template = await fetch(`${baseUrl}/api/imports/template.csv`).then((r) => r.text())
    const [header = '', example = ''] = template.trim().split(/\r?\n/)
    const columns = header.split(',')
    const cells = example.split(',')
    const set = (column: string, value: string) => {
      cells[columns.indexOf(column)] = value
    }
    set('name', 'E2E Import Works')
    set('national_id', 'E2E-IMPORT-1')
    set('quantity', 'lots')
    const rowsBefore = template.trim().split(/\r?\n/).length
    // Appended in the template's own line ending (it is CRLF, as spreadsheets write it).
    const eol = template.includes('\r\n') ? '\r\n' : '\n'
    const file = `${template.trim()}${eol}${cells.join(',')}${eol}`
    const badRow = rowsBefore + 1 // the header is row 1

    await page.goto(`${baseUrl}/import`)
    await page.getByLabel(/Survey file/).setInputFiles({
      name: 'survey.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    })
    await page.getByRole('button', { name: /Check the file/ }).click()
    const report = page.getByTestId('import-report')
    await report.waitFor()
    expect(await report.locator('tbody tr').count()).toBe(1)
    const row = report.locator(`tr[data-row="${badRow}"]`)
    expect(await row.locator('th').textContent()).toBe(String(badRow))
    const badCell = row.locator('td.bad-cell')
    expect(await badCell.count()).toBe(1)
    expect(await badCell.locator('input').inputValue()).toBe('lots')
    expect(await badCell.textContent()).toMatch(/number/)
    expect(await page.getByRole('alert').allTextContents()).toContainEqual(
      expect.stringMatching(/nothing was saved/i),
    )
    await page.screenshot({ path: path.join(screenshotDir, 'import-report.png'), fullPage: true })

    // Fix the cell in place and check again: clean, so it can be committed.
    await page.getByLabel(`Row ${badRow}, quantity`).fill('12.5')
    await page.getByRole('button', { name: 'Check again' }).click()
    await page.getByRole('button', { name: /Import all \d+ rows/ }).click()
    await page.getByRole('status').filter({ hasText: 'Imported.' }).waitFor()
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toMatch(/3 rows read/)

    const found = await fetchAs('analyst', '/api/enterprises?q=E2E+Import+Works').then(
      (r) => r.json() as Promise<{ features: { properties: { wasteStreamCount: number } }[] }>,
    )
    expect(found.features.map((f) => f.properties.wasteStreamCount)).toEqual([1])

    // The same (fixed) file again: every row is "unchanged" and nothing is written.
    const totalsBefore = await fetchAs('analyst', '/api/enterprises?q=E2E+Import+Works').then((r) => r.text())
    set('quantity', '12.5')
    const fixed = `${template.trim()}${eol}${cells.join(',')}${eol}`
    await page.goto(`${baseUrl}/import`)
    await page.getByLabel(/Survey file/).setInputFiles({
      name: 'survey.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fixed),
    })
    await page.getByRole('button', { name: /Check the file/ }).click()
    const status = page.getByTestId('import-row-status')
    await expect.poll(() => status.textContent()).toBe('0 new, 0 updated, 3 unchanged')
    const outcomes = page.getByTestId('import-row-outcomes')
    expect(await outcomes.locator('tbody tr[data-status="unchanged"]').count()).toBe(3)
    await page.screenshot({ path: path.join(screenshotDir, 'import-reimport-unchanged.png'), fullPage: true })
    const totalsAfter = await fetchAs('analyst', '/api/enterprises?q=E2E+Import+Works').then((r) => r.text())
    expect(totalsAfter).toBe(totalsBefore)
    expect(errors.filter((e) => !e.includes('422'))).toEqual([])
  })
})
