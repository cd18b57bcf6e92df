import type { Session } from '@contract/accounts.js'

/**
 * Who this tab is signed in as, kept outside React so the API client can read the CSRF token
 * and report a 401 without a hook; React reads it through features/session (useSession).
 */
export type SessionState = {
  /** Undefined until GET /api/session has answered. */
  session: Session | undefined
  /**
   * The session this tab held was refused by the server (it expired, or was ended in another
   * tab): the screens say so and offer to sign in again, keeping the page as it was.
   */
  ended: boolean
  /** The user the screens were built for: a sign-in as someone else rebuilds them, an ended session does not. */
  viewerKey: string
  /** Counts sign-ins, so a load refused for want of a session can run again after the next one. */
  signIns: number
}

const signedOut: Session = { signedIn: false, user: null, csrfToken: null }
let state: SessionState = { session: undefined, ended: false, viewerKey: 'public', signIns: 0 }
const listeners = new Set<() => void>()

function set(next: Partial<SessionState>) {
  state = { ...state, ...next }
  for (const listener of listeners) listener()
}

const keyOf = (session: Session) => (session.user ? `user:${session.user.id}` : 'public')

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  /** The token to send in the CSRF header with every write, when signed in. */
  csrfToken: (): string | undefined => state.session?.csrfToken ?? undefined,
  /** GET /api/session answered (at start-up). */
  loaded(session: Session) {
    set({ session, ended: false, viewerKey: keyOf(session) })
  },
  /** POST /api/session answered: a new session, perhaps of another user. */
  signedIn(session: Session) {
    set({ session, ended: false, viewerKey: keyOf(session), signIns: state.signIns + 1 })
  },
  /** The session read again (another tab signed in anew): the same screens if it is the same user. */
  refreshed(session: Session) {
    if (!session.signedIn) return sessionStore.unauthorized()
    set({ session, ended: false, viewerKey: keyOf(session) })
  },
  /** The user signed out in this tab. */
  signedOut() {
    set({ session: signedOut, ended: false, viewerKey: 'public' })
  },
  /**
   * A request answered 401. Only a tab that believed itself signed in has lost something: its
   * session ended. The page stays built for the same viewer until someone signs in.
   */
  unauthorized() {
    if (state.session?.signedIn) set({ session: signedOut, ended: true })
  },
  /** The user chose to go on without signing in again. */
  dismissEnded() {
    set({ ended: false, viewerKey: 'public' })
  },
}
