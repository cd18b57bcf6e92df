import { useMemo, useSyncExternalStore } from 'react'
import { api } from '../../api/endpoints.js'
import { type SessionState, sessionStore } from '../../api/session-store.js'
import { type Capabilities, capabilitiesOf } from './capabilities.js'

/** The session as React sees it, with what the viewer may do derived from it. */
export function useSession(): SessionState & { can: Capabilities } {
  const state = useSyncExternalStore(sessionStore.subscribe, sessionStore.get)
  const can = useMemo(() => capabilitiesOf(state.session), [state.session])
  return { ...state, can }
}

/** Asks the server who is signed in (at start-up); an unreachable server leaves the public view. */
export async function loadSession(): Promise<void> {
  try {
    sessionStore.loaded(await api.session())
  } catch {
    sessionStore.loaded({ signedIn: false, user: null, csrfToken: null })
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  sessionStore.signedIn(await api.signIn({ email, password }))
}

/** Ends the session on the server; this tab is signed out even if that request fails. */
export async function signOut(): Promise<void> {
  try {
    await api.signOut()
  } finally {
    sessionStore.signedOut()
  }
}

/** A path inside the app to return to after signing in; anything else (another site) becomes `/`. */
export function safeReturnPath(next: string | null): string {
  // `//host` and `/\host` would leave the site; the sign-in screen itself would loop
  return next && /^\/(?![/\\])/.test(next) && !next.startsWith('/sign-in') ? next : '/'
}
