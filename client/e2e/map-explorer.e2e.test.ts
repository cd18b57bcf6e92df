import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BASEMAP_COLORS } from '../src/map/styles/basemap.js'
import { HAZARD_COLOURS, SITE_COLOURS } from '../src/map/styles/palettes.js'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { blend, clickBakuOnMap, findColour, hex, openMap, pixelsOtherThan, rendered } from './map-page.js'
import { fetchAs } from './session.js'

// single enterprises, their drawer and the register are for signed-in staff (issue 7)
usePagePerTest({ signedInAs: 'official' })

const land = hex(BASEMAP_COLORS.land)
const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) })

describe('the waste map', () => {
  it('draws the demo enterprises and regions over the offline basemap, with a legend', async () => {
    await openMap(page, baseUrl)
    await expect.poll(() => page.getByRole('note').textContent()).toContain('Demo data')
    await expect.poll(() => page.getByTestId('health').textContent()).toContain('embedded database')
    // fitted to the demo regions: all but the two enterprises placed far away (Ganja, Shirvan) in view
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    // the four demo regions (other test files may add more)
    expect(await rendered(page, 'regions')).toBeGreaterThanOrEqual(4)
    expect(await page.getByTestId('rendered-count').textContent()).toMatch(/^4\d enterprises in view$/)
    const legend = (await page.getByTestId('legend').textContent()) ?? ''
    expect(legend).toContain('Enterprises: EWC chapter with most tonnes')
    expect(legend).toMatch(/10 Wastes from thermal processes/)
    expect(legend).toContain('Regions: Waste generated, t/year')
    // more than a blank basemap: a good share of the canvas is neither land nor water
    const drawn = await pixelsOtherThan(page, [land, hex(BASEMAP_COLORS.water), hex(BASEMAP_COLORS.border)])
    expect(drawn).toBeGreaterThan(50_000)
    await shot('map-default')
    expect(errors).toEqual([])
  })

  it('opens the popup and the drawer with the waste streams of a clicked enterprise', async () => {
    // coloured hazardous / not, without the choropleth, so the circles' colours are known
    await openMap(page, baseUrl, '?z=11&lat=40.42&lon=49.85&colour=hazardous&measure=none')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(3)
    await steady(page.getByTestId('map'))
    const colours = [HAZARD_COLOURS.hazardous, HAZARD_COLOURS.nonHazardous].map((c) =>
      blend(hex(c), 0.88, land),
    )
    const hit = await findColour(page, colours, 3)
    expect(hit, 'an enterprise circle is drawn').not.toBeNull()
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox()
    if (!hit || !box) return
    await page.mouse.click(box.x + hit.x, box.y + hit.y)

    const drawer = page.getByTestId('enterprise-drawer')
    await drawer.getByRole('heading', { name: /^Waste streams of \d{4}$/ }).waitFor()
    expect(new URL(page.url()).searchParams.get('enterprise')).toMatch(/^\d+$/)
    expect(await drawer.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await drawer.locator('td.code').first().textContent()).toMatch(/^\d\d \d\d \d\d\*?$/)
    // one survey year's figures, named: never several years added together
    const year = await drawer.getByTestId('drawer-year').inputValue()
    expect(await drawer.getByTestId('drawer-figures').textContent()).toContain(` t in ${year}`)
    const popup = page.locator('.maplibregl-popup')
    await expect.poll(() => popup.textContent()).toMatch(/t\/year in total/)
    const name = await drawer.getByRole('heading', { level: 2 }).textContent()
    expect(await popup.textContent()).toContain(name)
    await shot('map-drawer')

    await drawer.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => drawer.count()).toBe(0)
    expect(new URL(page.url()).searchParams.get('enterprise')).toBeNull()
    expect(errors).toEqual([])
  })

  it('opens the drawer and centres the map on the enterprise named in the URL', async () => {
    const list = (await (await fetchAs('official', '/api/enterprises?q=cement')).json()) as {
      features: { geometry: { coordinates: [number, number] }; properties: { id: number; name: string } }[]
    }
    const target = list.features[0]
    if (!target) throw new Error('the demo data has no cement works')
    await openMap(page, baseUrl, `?enterprise=${target.properties.id}`)
    await expect
      .poll(() => page.getByTestId('enterprise-drawer').getByRole('heading', { level: 2 }).textContent())
      .toBe(target.properties.name)
    const [lon, lat] = target.geometry.coordinates
    await expect.poll(() => new URL(page.url()).searchParams.get('lon')).toBe(lon.toFixed(5))
    expect(new URL(page.url()).searchParams.get('lat')).toBe(lat.toFixed(5))
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })

  it('shows one survey year in the drawer: the latest, a chosen one, or "not reported"', async () => {
    // the example: one kiln-dust stream reported for 2023 and again for 2024
    const list = (await (await fetchAs('official', '/api/enterprises?q=Garadagh')).json()) as {
      features: { properties: { id: number } }[]
    }
    const id = list.features[0]?.properties.id
    if (!id) throw new Error('the demo data has no Garadagh Cement Works')
    const record = (await (await fetchAs('official', `/api/enterprises/${id}`)).json()) as {
      wasteStreams: { surveyYear: number; quantityTonnesPerYear: number }[]
    }
    const years = [...new Set(record.wasteStreams.map((s) => s.surveyYear))].sort((a, b) => b - a)
    expect(years.length, 'the demo reports this enterprise for two years').toBeGreaterThan(1)
    const tonnesOf = (year: number) =>
      Math.round(
        record.wasteStreams
          .filter((s) => s.surveyYear === year)
          .reduce((t, s) => t + s.quantityTonnesPerYear, 0),
      ).toLocaleString('en')
    const [latest, earlier] = years as [number, number]

    await openMap(page, baseUrl, `?enterprise=${id}`)
    const drawer = page.getByTestId('enterprise-drawer')
    await drawer.getByRole('heading', { name: `Waste streams of ${latest}` }).waitFor()
    expect(await drawer.getByTestId('drawer-figures').textContent()).toContain(
      `${tonnesOf(latest)} t in ${latest}`,
    )
    await drawer.getByTestId('drawer-year').selectOption(String(earlier))
    await drawer.getByRole('heading', { name: `Waste streams of ${earlier}` }).waitFor()
    expect(await drawer.getByTestId('drawer-figures').textContent()).toContain(
      `${tonnesOf(earlier)} t in ${earlier}`,
    )
    await shot('map-drawer-year')

    // a year it did not report: said so, not shown as 0 t
    const missing = earlier - 1
    await openMap(page, baseUrl, `?enterprise=${id}&surveyYear=${missing}`)
    await drawer.getByTestId('drawer-not-reported').waitFor()
    expect(await drawer.getByTestId('drawer-not-reported').textContent()).toBe(`Not reported for ${missing}`)
    expect(await drawer.getByTestId('drawer-figures').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('restores camera, filters, colouring and choropleth from a reloaded URL', async () => {
    await openMap(page, baseUrl)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    const fittedZoom = Number(new URL(page.url()).searchParams.get('z'))
    await page.getByLabel('Colour enterprises by').selectOption('route')
    await page.getByLabel('Colour regions by').selectOption('recoveryRate')
    await page.getByLabel('Survey year').selectOption('2024')
    await page.getByRole('button', { name: 'Zoom in' }).click()
    await expect.poll(() => Number(new URL(page.url()).searchParams.get('z'))).toBeCloseTo(fittedZoom + 1, 1)
    await steady(page.getByTestId('map'))
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(0)
    const url = page.url()
    const count = await rendered(page, 'enterprises')
    const legend = await page.getByTestId('legend').textContent()
    expect(legend).toContain('Regions: Recovery rate, % of tonnes recovered')
    expect(legend).toContain('Mostly recovered (R)')

    await page.reload()
    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBe(count)
    expect(page.url()).toBe(url)
    expect(await page.getByLabel('Colour enterprises by').inputValue()).toBe('route')
    expect(await page.getByLabel('Colour regions by').inputValue()).toBe('recoveryRate')
    expect(await page.getByLabel('Survey year').inputValue()).toBe('2024')
    await expect.poll(() => page.getByTestId('legend').textContent()).toBe(legend)
    expect(errors).toEqual([])
  })

  it('shows the totals of a clicked region for the current filters', async () => {
    const regions = (await (await fetch(`${baseUrl}/api/regions`)).json()) as {
      features: { properties: { id: number; name: string; level: string } }[]
    }
    const baku = regions.features.find((f) => f.properties.name === 'Baku (demo)')
    if (!baku) throw new Error('the demo data has no Baku region')
    const totals = await clickBakuOnMap(page, baseUrl, baku.properties.id)
    await expect.poll(() => totals.textContent()).toMatch(/Enterprises\s*1\d/)
    expect(await totals.textContent()).toMatch(/Waste generated[\d,.]+ t\/year/)
    expect(new URL(page.url()).searchParams.get('selectedRegion')).toBe(String(baku.properties.id))
    expect(await page.getByTestId('legend').textContent()).toContain(
      'Regions: Number of enterprises, enterprises',
    )
    // the layer switch brings the circles back over the choropleth
    // the switch is URL state, which react-router applies in a transition: the box is checked a
    // render later than the click (Playwright's check() wants it at once)
    const enterprisesSwitch = page.getByRole('checkbox', { name: 'Enterprises', exact: true })
    await enterprisesSwitch.click()
    await expect.poll(() => enterprisesSwitch.isChecked()).toBe(true)
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThan(10)
    await steady(page.getByTestId('map'))
    await shot('map-choropleth')
    expect(errors).toEqual([])
  })

  it('draws hex-bin density and treatment sites, with a popup listing a site’s permits', async () => {
    await openMap(page, baseUrl, '?z=10&lat=40.45&lon=49.85&layers=hexbins,sites&measure=none')
    await expect.poll(() => rendered(page, 'hexbinMax'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1)
    await expect.poll(() => rendered(page, 'sites')).toBeGreaterThan(0)
    const legend = (await page.getByTestId('legend').textContent()) ?? ''
    expect(legend).toContain('Hex-bin density: enterprises per hexagon')
    expect(legend).toContain('Recovery (R) permit')
    await steady(page.getByTestId('map'))
    await shot('map-hexbins')

    const site = await findColour(page, [hex(SITE_COLOURS.recovery), hex(SITE_COLOURS.disposal)], 2, 12)
    expect(site, 'a treatment site square is drawn').not.toBeNull()
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox()
    if (!site || !box) return
    await page.mouse.click(box.x + site.x, box.y + site.y)
    await expect
      .poll(() => page.locator('.maplibregl-popup').textContent())
      .toMatch(/Permitted operations: [RD]\d/)
    expect(errors).toEqual([])
  })

  it('groups enterprises into counted clusters when zoomed out', async () => {
    const all = (await (await fetchAs('official', '/api/enterprises?limit=1')).json()) as { total: number }
    // Azerbaijan and the Caspian, where every demo enterprise lies (other test files may add some)
    await openMap(page, baseUrl, '?z=6.5&lat=40.4&lon=48.5')
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(43)
    expect(await rendered(page, 'enterprises')).toBeLessThanOrEqual(all.total)
    expect(await page.getByTestId('rendered-count').textContent()).toContain('grouped')
    expect(await page.getByTestId('legend').textContent()).toContain('Number: enterprises in the group')
    await steady(page.getByTestId('map'))
    await shot('map-clusters')
    expect(errors).toEqual([])
  })
})
