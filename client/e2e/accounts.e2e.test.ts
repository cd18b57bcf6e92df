import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CSRF_HEADER } from '../../server/src/contract/accounts.js'
import { SITE_COLOURS } from '../src/map/styles/palettes.js'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { findColour, hex, openMap, rendered } from './map-page.js'
import { demoAccount, fetchAs, sessionCookieOf } from './session.js'

// Sign-ins through the form: each counts against the server's 10 per address per quarter hour,
// shared with global-setup.ts (3). This file uses 6.

usePagePerTest()

const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `accounts-${name}.png`) })
const navLinks = () => page.locator('.app-header nav a').allTextContents()
const signInScreen = () => page.getByTestId('sign-in-screen')
/** The browser's own note of an answer it logged as failed (a refused sign-in, the ended session's 401). */
const unexpected = () => errors.filter((error) => !/status of 401/.test(error))

async function signInWithForm(email: string, password: string) {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

async function enterpriseInBaku(): Promise<{ id: number; name: string }> {
  const regions = (await (await fetch(`${baseUrl}/api/regions`)).json()) as {
    features: { properties: { id: number; name: string } }[]
  }
  const baku = regions.features.find((f) => f.properties.name === 'Baku (demo)')
  const list = (await (
    await fetchAs('official', `/api/enterprises?regionId=${baku?.properties.id}`)
  ).json()) as {
    features: { properties: { id: number; name: string } }[]
  }
  const first = list.features[0]?.properties
  if (!first) throw new Error('the demo data has no enterprise in Baku')
  return first
}

describe('the public', () => {
  it('sees the map as clusters without names, and the sign-in form in place of the register', async () => {
    const { id } = await enterpriseInBaku()
    await openMap(page, baseUrl, `?enterprise=${id}`)
    expect(await navLinks()).toEqual(['Waste map', 'Dashboard', 'Catalogues', 'API'])
    await page.getByRole('link', { name: 'Sign in' }).waitFor()
    // every demo enterprise counted, in groups only; no drawer for the enterprise in the URL
    await expect.poll(() => rendered(page, 'enterprises'), { timeout: 30_000 }).toBeGreaterThanOrEqual(40)
    expect(await page.getByTestId('rendered-count').textContent()).toMatch(
      /enterprises in view, grouped by area$/,
    )
    expect(await page.getByTestId('legend').textContent()).toContain('Number: enterprises in the group')
    expect(await page.getByTestId('enterprise-drawer').count()).toBe(0)
    expect(await page.getByRole('searchbox').count()).toBe(0) // no search by name
    await steady(page.getByTestId('map'))
    await shot('public-map')

    // a treatment site's popup tells what a grid cell's permits may treat (by family), not whose
    // they are, where exactly, or their capacity (issue 13)
    await openMap(page, baseUrl, '?z=10&lat=40.45&lon=49.85&layers=sites&measure=none')
    await expect.poll(() => rendered(page, 'sites'), { timeout: 30_000 }).toBeGreaterThan(0)
    await steady(page.getByTestId('map'))
    const site = await findColour(page, [hex(SITE_COLOURS.recovery), hex(SITE_COLOURS.disposal)], 2, 12)
    const box = await page.locator('canvas.maplibregl-canvas').boundingBox()
    if (!site || !box) throw new Error('no treatment site drawn')
    await page.mouse.click(box.x + site.x, box.y + site.y)
    const popup = page.locator('.maplibregl-popup')
    await expect
      .poll(() => popup.textContent())
      .toMatch(/^Treatment site.*Permitted operations: [RD]( [RD])?(Hazardous|No hazardous)/)
    expect(await popup.textContent()).not.toContain('(demo)')
    expect(await popup.textContent()).not.toMatch(/[Cc]apacity/)

    await page.goto(`${baseUrl}/enterprises`)
    await signInScreen().getByText('Sign in to see this page.').waitFor()
    expect(new URL(page.url()).pathname).toBe('/enterprises')
    await shot('public-sign-in')
    expect(errors).toEqual([])
  })
})

describe('an official', () => {
  it('signs in where the register was, reads a record without any way to change it, and signs out', async () => {
    await page.goto(`${baseUrl}/enterprises`)
    const official = demoAccount('official')
    await signInWithForm(official.email, 'not-the-password')
    await page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' }).waitFor()
    await shot('sign-in-refused')
    await signInWithForm(official.email, official.password)

    await page.getByTestId('enterprise-list-count').waitFor()
    expect(new URL(page.url()).pathname).toBe('/enterprises')
    expect(await navLinks()).toEqual(['Waste map', 'Dashboard', 'Enterprises', 'Catalogues', 'API'])
    expect(await page.getByTestId('session-indicator').textContent()).toMatch(/Demo official.*official/)
    expect(await page.getByRole('link', { name: 'Add an enterprise' }).count()).toBe(0)

    await page.locator('.data-table tbody a').first().click()
    await page.getByTestId('read-only-note').waitFor()
    expect(await page.getByLabel('Name', { exact: true }).isDisabled()).toBe(true)
    for (const name of ['Save', 'Add a waste stream', 'Add a permit', 'Delete this enterprise', 'Remove']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0)
    }
    await shot('official-record')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('link', { name: 'Sign in' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await navLinks()).toEqual(['Waste map', 'Dashboard', 'Catalogues', 'API'])
    await page.goto(`${baseUrl}/enterprises`)
    await signInScreen().waitFor()
    expect(unexpected()).toEqual([])
  })
})

describe('an analyst', () => {
  it('gets the editing screens, and after the session ends signs in again without losing the edit', async () => {
    await page.goto(`${baseUrl}/catalog`)
    await page.getByRole('link', { name: 'Sign in' }).click()
    expect(new URL(page.url()).searchParams.get('next')).toBe('/catalog')
    const analyst = demoAccount('analyst')
    await signInWithForm(analyst.email, analyst.password)
    await page.getByTestId('session-indicator').waitFor()
    expect(new URL(page.url()).pathname).toBe('/catalog')
    expect(await navLinks()).toEqual(['Waste map', 'Dashboard', 'Enterprises', 'Import', 'Catalogues', 'API'])

    await page.goto(`${baseUrl}/regions`)
    await expect
      .poll(() => page.getByTestId('not-allowed').textContent())
      .toBe('Signed in as analyst: this page is not available to you.')

    const { id } = await enterpriseInBaku()
    await page.goto(`${baseUrl}/enterprises/${id}`)
    for (const name of ['Save', 'Add a waste stream', 'Add a permit', 'Delete this enterprise']) {
      await page.getByRole('button', { name, exact: true }).waitFor()
    }
    await page.getByLabel('Address').fill('1 Session Street')
    await shot('analyst-record')

    // the session ends elsewhere (signed out in another tab, with the same cookie)
    const cookie = await sessionCookieOf(page)
    const { csrfToken } = (await (await fetch(`${baseUrl}/api/session`, { headers: { cookie } })).json()) as {
      csrfToken: string
    }
    const ended = await fetch(`${baseUrl}/api/session`, {
      method: 'DELETE',
      headers: { cookie, [CSRF_HEADER]: csrfToken },
    })
    expect(ended.status).toBe(204)

    await page.getByRole('button', { name: 'Save' }).click()
    await signInScreen()
      .getByRole('alert')
      .filter({ hasText: 'Your session has ended — sign in again' })
      .waitFor()
    expect(await page.getByLabel('Address').isVisible()).toBe(false) // the form waits, hidden, behind the sign-in
    expect(new URL(page.url()).pathname).toBe(`/enterprises/${id}`)
    await shot('session-ended')

    await signInWithForm(analyst.email, analyst.password)
    await expect.poll(() => page.getByLabel('Address').inputValue()).toBe('1 Session Street')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    expect(await page.getByLabel('Address').inputValue()).toBe('1 Session Street')
    expect(unexpected()).toEqual([])
  })
})

describe('an enterprise user', () => {
  it('reaches its own enterprise, not the register, and sees the map in groups', async () => {
    await page.goto(`${baseUrl}/sign-in`)
    const enterprise = demoAccount('enterprise')
    // too many attempts, as the server would answer (without spending the real ones)
    await page.route('**/api/session', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            json: { error: { code: 'RATE_LIMITED', message: 'Too many requests', details: [] } },
          })
        : route.continue(),
    )
    await signInWithForm(enterprise.email, enterprise.password)
    await page.getByRole('alert').filter({ hasText: 'Too many attempts: wait a few minutes' }).waitFor()
    await page.unroute('**/api/session')
    await signInWithForm(enterprise.email, enterprise.password)

    await page.getByTestId('map').and(page.locator('[data-ready="true"]')).waitFor()
    expect(await navLinks()).toEqual(['Waste map', 'Dashboard', 'My enterprise', 'Catalogues', 'API'])
    await expect.poll(() => page.getByTestId('rendered-count').textContent()).toMatch(/grouped by area$/)

    await page.getByRole('link', { name: 'My enterprise' }).click()
    await page.getByRole('button', { name: 'Save' }).waitFor()
    const session = (await page.evaluate(() => fetch('/api/session').then((r) => r.json()))) as {
      user: { enterpriseId: number }
    }
    expect(new URL(page.url()).pathname).toBe(`/enterprises/${session.user.enterpriseId}`)
    expect(await page.getByRole('button', { name: 'Add a waste stream' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Add a permit' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Delete this enterprise' }).count()).toBe(0)
    await shot('enterprise-own')

    await page.goto(`${baseUrl}/enterprises`)
    await page.getByTestId('not-allowed').waitFor()
    expect(unexpected().filter((error) => !/status of 429/.test(error))).toEqual([])
  })
})

describe('an admin', () => {
  it('also gets regions and users, and creates and disables an account', async () => {
    await page.goto(`${baseUrl}/sign-in?next=%2Fusers`)
    const admin = demoAccount('admin')
    await signInWithForm(admin.email, admin.password)
    await page.getByTestId('user-row').first().waitFor()
    expect(new URL(page.url()).pathname).toBe('/users')
    expect(await navLinks()).toEqual([
      'Waste map',
      'Dashboard',
      'Enterprises',
      'Regions',
      'Import',
      'Users',
      'Catalogues',
      'API',
    ])
    const emails = await page.getByTestId('user-row').locator('td:first-child').allTextContents()
    expect(emails).toEqual(expect.arrayContaining(['admin@demo.loopmap.org', 'enterprise@demo.loopmap.org']))

    const email = `e2e-analyst-${Date.now()}@example.org`
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Name').fill('E2E analyst')
    await page.getByLabel('Role').selectOption('analyst')
    await page.getByRole('checkbox', { name: 'Baku (demo)' }).check()
    await page.getByLabel(/^Password/).fill('short')
    await page.getByRole('button', { name: 'Create the account' }).click()
    await page.getByRole('alert').filter({ hasText: 'must be at least 12 characters' }).waitFor()
    await page.getByLabel(/^Password/).fill('e2e-analyst-password')
    await page.getByRole('button', { name: 'Create the account' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Created ${email}.` })
      .waitFor()
    const row = page.getByTestId('user-row').filter({ hasText: email })
    expect(await row.textContent()).toMatch(/analyst.*Baku \(demo\).*active/)

    await row.getByRole('button', { name: /Change/ }).click()
    await page.getByRole('checkbox', { name: /Disabled/ }).check()
    await page.getByRole('button', { name: 'Save the changes' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${email}.` })
      .waitFor()
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('disabled')
    await shot('admin-users')
    expect(errors).toEqual([])
  })
})
