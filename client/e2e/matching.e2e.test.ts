import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, steady, usePagePerTest } from './browser.js'
import { demoAccount, fetchAs } from './session.js'

// saving a match and moving it on is the analysts' work
usePagePerTest({ viewport: { width: 1400, height: 900 }, signedInAs: 'analyst' })

type Stream = { id: number; ewcCode: string; offeredAsByproduct: boolean; surveyYear: number }

/** The demo's coal fly ash offered by the Sumgait power station (2024 figure). */
async function demoFlyAsh(): Promise<Stream> {
  const page = (await (await fetchAs('analyst', `/api/waste-streams?ewc=100102&limit=100`)).json()) as {
    items: Stream[]
  }
  const stream = page.items.find((s) => s.offeredAsByproduct && s.surveyYear === 2024)
  if (!stream) throw new Error('the demo has no offered fly ash')
  return stream
}

describe('find buyers for a by-product', () => {
  it('ranks receivers with reasons and lines, saves a match and moves its status', async () => {
    const stream = await demoFlyAsh()
    await page.goto(`${baseUrl}/streams/${stream.id}/matches`)
    const candidates = page.getByTestId('candidate')
    await expect.poll(() => candidates.count(), { timeout: 20_000 }).toBeGreaterThan(1)
    const first = candidates.first()
    expect(await first.locator('.candidate-title').textContent()).toContain('Garadagh Cement Works (demo)')
    expect(await first.locator('.reasons').textContent()).toContain('resource need naming 10 01 02 exactly')
    const lines = Number(await page.getByTestId('match-map').getAttribute('data-lines'))
    expect(lines).toBe(await candidates.count())
    await steady(page.getByTestId('match-map')) // MapLibre has drawn the lines before the picture

    await first.getByRole('button', { name: 'Save match' }).click()
    await expect.poll(() => first.locator('.saved').textContent()).toBe('Saved: proposed')
    const saved = page.getByTestId('saved-match').filter({ hasText: 'Garadagh Cement Works (demo)' })
    await expect.poll(() => saved.getByTestId('saved-match-status').textContent()).toBe('proposed')
    await saved.getByRole('button', { name: 'Mark contacted' }).click()
    await expect.poll(() => saved.getByTestId('saved-match-status').textContent()).toBe('contacted')
    await saved.getByRole('button', { name: 'Mark negotiating' }).click()
    await expect.poll(() => saved.getByTestId('saved-match-status').textContent()).toBe('negotiating')
    await first.locator('.candidate-title').click()
    await steady(page.getByTestId('match-map'))
    await page.screenshot({ path: path.join(screenshotDir, 'matching-find-buyers.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})

describe('find buyers as an enterprise user', () => {
  it('shows receivers by sector and rough place only, and proposes one by its token', async () => {
    // the demo enterprise's own session (one sign-in: successful ones are not counted against the limit)
    const signIn = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoAccount('enterprise')),
    })
    const session = (await signIn.json()) as { user: { enterpriseId: number } }
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('loopmap_session='))
    const token = cookie?.split(';')[0]?.slice('loopmap_session='.length)
    if (!signIn.ok || !token) throw new Error(`signing in as the demo enterprise: HTTP ${signIn.status}`)
    await page.context().clearCookies()
    await page
      .context()
      .addCookies([{ name: 'loopmap_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }])
    const own = (await (
      await fetch(`${baseUrl}/api/enterprises/${session.user.enterpriseId}`, {
        headers: { cookie: `loopmap_session=${token}` },
      })
    ).json()) as { wasteStreams: Stream[] }
    // a by-product other than the fly ash the analyst's test saves a match for
    const stream =
      own.wasteStreams.find((s) => s.offeredAsByproduct && s.ewcCode !== '100102') ?? own.wasteStreams[0]
    if (!stream) throw new Error('the demo enterprise has no stream')

    await page.goto(`${baseUrl}/streams/${stream.id}/matches`)
    const candidates = page.getByTestId('candidate')
    await expect.poll(() => candidates.count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const titles = await candidates.locator('.candidate-title').allTextContents()
    for (const title of titles) expect(title).toMatch(/^\d+\. An enterprise in NACE /)
    const last = candidates.last()
    await last.getByRole('button', { name: 'Save match' }).click()
    await expect.poll(() => last.locator('.saved').textContent()).toBe('Saved: proposed')
    expect(errors).toEqual([])
  })
})

describe('the region opportunity map', () => {
  it('lists the exchanges of the demo region with their lines', async () => {
    const regions = (await (await fetch(`${baseUrl}/api/regions`)).json()) as {
      features: { id: number; properties: { name: string } }[]
    }
    const pilot = regions.features.find((r) => r.properties.name.startsWith('Absheron–Baku pilot region'))
    if (!pilot) throw new Error('no demo pilot region')
    await page.goto(`${baseUrl}/regions/${pilot.id}/opportunities`)
    const rows = page.getByTestId('opportunity-table').locator('tbody tr')
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(5)
    expect(Number(await page.getByTestId('match-map').getAttribute('data-lines'))).toBe(await rows.count())
    await steady(page.getByTestId('match-map'))
    await page.screenshot({ path: path.join(screenshotDir, 'matching-opportunities.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
