import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { sessionStore } from '../../api/session-store.js'
import { t } from '../../i18n/index.js'
import { SignInForm } from './sign-in-form.js'
import { safeReturnPath, useSession } from './use-session.js'

type SignInScreenProps = {
  /**
   * Absent: the `/sign-in` page, which returns to `?next=` afterwards. 'required': shown in place
   * of a page the public may not see. 'ended': over the page of a session that ended.
   */
  reason?: 'required' | 'ended'
}

/** Sign-in wherever it is needed; signing in where the page was keeps the user's place (and URL). */
export function SignInScreen({ reason }: SignInScreenProps) {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const { session } = useSession()
  const next = safeReturnPath(params.get('next'))
  if (reason === undefined && session?.signedIn) return <Navigate to={next} replace />

  return (
    <div className="page sign-in-screen" data-testid="sign-in-screen">
      <section className="sign-in-card">
        <h2>{t('signIn.title')}</h2>
        {reason === 'ended' && (
          <p className="form-error" role="alert">
            {t('session.ended')}
          </p>
        )}
        {reason === 'required' && <p className="muted">{t('signIn.required')}</p>}
        <SignInForm onSignedIn={reason === undefined ? () => navigate(next, { replace: true }) : undefined} />
        {reason === 'ended' && (
          <button type="button" className="link-button" onClick={() => sessionStore.dismissEnded()}>
            {t('session.continuePublic')}
          </button>
        )}
      </section>
    </div>
  )
}
