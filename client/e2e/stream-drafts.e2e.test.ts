import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { baseUrl, errors, page, screenshotDir, usePagePerTest } from './browser.js'
import { fetchAs, signInAs } from './session.js'

usePagePerTest({ viewport: { width: 1280, height: 1100 } })

type StoredStream = { surveyYear: number; ewcCode: string; quantity: number; quantityTonnesPerYear: number }

/** JSON from the API as the analyst, failing loudly on an error answer. */
async function asAnalyst<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetchAs('analyst', url, {
    method: init.method ?? 'GET',
    ...(init.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  })
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** An enterprise of the demo pilot region with two streams of 2023, set up through the API. */
async function surveyedIn2023() {
  const { id } = await asAnalyst<{ id: number }>('/api/enterprises', {
    method: 'POST',
    body: {
      name: `E2E Carry Works ${Date.now()}`,
      naceCode: '23.51',
      location: { type: 'Point', coordinates: [49.67, 40.62] },
    },
  })
  const stream = (ewcCode: string, description: string, quantity: number, routeCode: string) =>
    asAnalyst(`/api/enterprises/${id}/waste-streams`, {
      method: 'POST',
      body: {
        ewcCode,
        description,
        quantity,
        unit: 't',
        period: 'year',
        basis: 'measured',
        routeCode,
        surveyYear: 2023,
      },
    })
  await stream('10 01 02', 'Fly ash', 120, 'R5')
  await stream('10 01 01', 'Bottom ash', 40, 'D1')
  return id
}

const streamsOf = async (id: number) =>
  (await asAnalyst<{ wasteStreams: StoredStream[] }>(`/api/enterprises/${id}`)).wasteStreams

describe('carry-forward drafts on the enterprise screen', () => {
  beforeEach(() => signInAs(page, 'analyst'))

  it('carries 2023 into 2024 as drafts that count only once confirmed, one with a new quantity, one discarded', async () => {
    const id = await surveyedIn2023()
    await page.goto(`${baseUrl}/enterprises/${id}`)
    const section = page.getByTestId('stream-drafts')
    await section.getByText('No drafts.').waitFor()
    expect(await section.textContent()).toContain('not counted in any total')

    await section.getByRole('button', { name: 'Carry forward from 2023 to 2024' }).click()
    await section.getByRole('status').filter({ hasText: '2 drafts for 2024.' }).waitFor()
    const drafts = section.getByTestId('stream-draft')
    await expect.poll(() => drafts.count()).toBe(2)
    const fly = drafts.filter({ hasText: '10 01 02' })
    const bottom = drafts.filter({ hasText: '10 01 01' })
    expect(await fly.textContent()).toMatch(/120 t per year = 120 t\/year · route R5/)
    // drafts are not streams: the enterprise still has its two streams of 2023 only
    expect((await streamsOf(id)).map((s) => s.surveyYear)).toEqual([2023, 2023])
    await section.screenshot({ path: path.join(screenshotDir, 'stream-drafts-carried.png') })

    // carrying again adds nothing
    await section.getByRole('button', { name: 'Carry forward from 2023 to 2024' }).click()
    await section.getByRole('status').filter({ hasText: 'Nothing new to carry forward' }).waitFor()
    await expect.poll(() => drafts.count()).toBe(2)

    // confirmed with a new quantity: now a stream of 2024, counted, and the screen shows it
    await fly.getByLabel('Quantity in 2024').fill('150')
    await fly.getByRole('button', { name: 'Confirm' }).click()
    await expect.poll(async () => (await streamsOf(id)).length).toBe(3)
    const confirmed = (await streamsOf(id)).find((s) => s.surveyYear === 2024)
    expect(confirmed).toMatchObject({ ewcCode: '100102', quantity: 150, quantityTonnesPerYear: 150 })
    await expect.poll(() => page.getByTestId('stream-row').count()).toBe(3)
    await expect.poll(() => page.getByTestId('stream-draft').count()).toBe(1)

    // discarded: gone, and nothing counted
    expect(await drafts.textContent()).toContain('10 01 01')
    // while drafts into 2024 are pending, the offer is still 2023 → 2024
    await section.getByRole('button', { name: 'Carry forward from 2023 to 2024' }).waitFor()
    await section.screenshot({ path: path.join(screenshotDir, 'stream-drafts-confirmed.png') })
    await bottom.getByRole('button', { name: 'Discard' }).click()
    await section.getByRole('status').filter({ hasText: 'Draft discarded.' }).waitFor()
    await section.getByText('No drafts.').waitFor()
    expect((await streamsOf(id)).length).toBe(3)
    expect(
      (await asAnalyst<{ items: unknown[] }>(`/api/enterprises/${id}/stream-drafts`)).items,
    ).toHaveLength(0)
    expect(errors).toEqual([])
  })
})
