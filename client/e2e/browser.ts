import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

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
