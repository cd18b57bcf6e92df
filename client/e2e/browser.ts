import path from 'node:path'
import { type Browser, chromium, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, expect, inject } from 'vitest'
import { signInAs, type StaffRole } from './session.js'

export const screenshotDir = path.join(import.meta.dirname, 'screenshots')

/**
 * Debian's Chromium, headless, with the flags this closed network needs (background networking
 * off, or Chromium keeps dialling out and is refused).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Collects page errors so a test can assert the page ran without any. */
export function recordErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

/** The server global-setup.ts started. */
export const baseUrl = inject('baseUrl')

/**
 * The running test's page, fresh for each test (see usePagePerTest), and the errors it logged.
 * Read-only outside this module: ES modules hand out live bindings, so importers see each new page.
 */
export let page: Page
export let errors: string[]

/**
 * The set-up every browser test file shares: one Chromium for the file, a new page for each test
 * with its errors recorded and, for `signedInAs`, that role's session cookie (see session.ts).
 */
export function usePagePerTest({
  viewport = { width: 1280, height: 800 },
  signedInAs,
  acceptDownloads,
}: {
  viewport?: { width: number; height: number }
  signedInAs?: StaffRole
  acceptDownloads?: boolean
} = {}): void {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    if (!browser) throw new Error('Chromium did not start')
    page = await browser.newPage({ viewport, ...(acceptDownloads !== undefined && { acceptDownloads }) })
    errors = recordErrors(page)
    if (signedInAs) await signInAs(page, signedInAs)
  })
}

/**
 * Waits until `target` looks the same in two screenshots running (what Playwright's
 * toHaveScreenshot waits for): MapLibre has drawn what it had to — tiles, a fitted view, an eased
 * camera, a vertex just clicked — or the page has laid itself out again after a resize.
 */
export async function steady(target: Page | Locator, timeout = 20_000): Promise<void> {
  let previous: Buffer | undefined
  await expect
    .poll(
      async () => {
        const picture = await target.screenshot()
        const same = previous?.equals(picture) ?? false
        previous = picture
        return same
      },
      { timeout, interval: 0 },
    )
    .toBe(true)
}
