import { useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { t } from '../../i18n/index.js'
import { signOut, useSession } from './use-session.js'

/** The header's corner: who is signed in, as what, and "Sign out"; or "Sign in" for the public. */
export function SessionIndicator() {
  const { session, ended } = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  if (session === undefined) return null
  const user = session.user
  if (!user) {
    // the sign-in form is on screen already
    if (ended || location.pathname === '/sign-in') return null
    const next = encodeURIComponent(`${location.pathname}${location.search}`)
    return (
      <Link className="session-indicator sign-in-link" to={`/sign-in?next=${next}`}>
        {t('nav.signIn')}
      </Link>
    )
  }
  return (
    <div className="session-indicator" data-testid="session-indicator">
      <span>
        <strong>{user.displayName ?? user.email}</strong>{' '}
        <span className="muted">· {t(`role.${user.role}`)}</span>
      </span>
      <button
        type="button"
        className="link-button"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          // signed out in this tab even when the server could not be told
          await signOut().catch(() => undefined)
          setBusy(false)
          navigate('/')
        }}
      >
        {t('session.signOut')}
      </button>
    </div>
  )
}
