import type { Page } from 'playwright-core'
import { inject } from 'vitest'
import { CSRF_HEADER, type Role } from '../../server/src/contract/accounts.js'
import { demoUsers } from '../../server/src/seed/demo-users.js'

/**
 * Signing in for the browser tests. The server lets one address try to sign in 10 times in 15
 * minutes, and every test runs from 127.0.0.1: so global-setup.ts signs in once per role the
 * other tests work as, and each test puts that session's cookie into its browser context
 * (accounts.e2e.test.ts signs in through the form, within what is left).
 */

export type StaffRole = 'admin' | 'analyst' | 'official'
export type SignedIn = { token: string; csrfToken: string }

const SESSION_COOKIE = 'loopmap_session'

export function demoAccount(role: Role): { email: string; password: string } {
  const user = demoUsers.find((candidate) => candidate.role === role)
  if (!user) throw new Error(`no demo account for ${role}`)
  return { email: user.email, password: user.password }
}

/** POST /api/session as the demo account of `role`; the session cookie and its CSRF token. */
export async function signInOnce(baseUrl: string, role: StaffRole): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoAccount(role)),
  })
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  const token = cookie?.split(';')[0]?.slice(SESSION_COOKIE.length + 1)
  const { csrfToken } = (await response.json()) as { csrfToken: string | null }
  if (!response.ok || !token || !csrfToken) throw new Error(`signing in as ${role}: HTTP ${response.status}`)
  return { token, csrfToken }
}

/** The page's browser context gets the role's session cookie: the page is signed in from its next load. */
export async function signInAs(page: Page, role: StaffRole): Promise<void> {
  const { token } = inject('sessions')[role]
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value: token, url: inject('baseUrl'), httpOnly: true, sameSite: 'Lax' },
    ])
}

/** `fetch` from the test itself as the role (to set data up): the session cookie and the CSRF header. */
export function fetchAs(role: StaffRole, path: string, init: RequestInit = {}): Promise<Response> {
  const { token, csrfToken } = inject('sessions')[role]
  return fetch(`${inject('baseUrl')}${path}`, {
    ...init,
    headers: { ...init.headers, cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrfToken },
  })
}

/** The session cookie the page's browser context holds now (for ending that session from outside). */
export async function sessionCookieOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)
  if (!cookie) throw new Error('the page holds no session cookie')
  return `${SESSION_COOKIE}=${cookie.value}`
}
