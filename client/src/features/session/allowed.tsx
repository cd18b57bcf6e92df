import type { ReactNode } from 'react'
import { t } from '../../i18n/index.js'
import type { Capabilities } from './capabilities.js'
import { SignInScreen } from './sign-in-screen.js'
import { useSession } from './use-session.js'

type AllowedProps = { when: (can: Capabilities) => boolean; children: ReactNode }

/**
 * A screen for some roles only. The public gets the sign-in form in its place (same URL, so
 * signing in lands on the screen); a signed-in role without the right is told so. While an ended
 * session waits for a new sign-in the screen stays, hidden, as it was.
 */
export function Allowed({ when, children }: AllowedProps) {
  const { can, ended } = useSession()
  if (when(can) || ended) return children
  if (can.viewer === 'public') return <SignInScreen reason="required" />
  return (
    <p className="page error" role="alert" data-testid="not-allowed">
      {t('session.notAllowed', { role: t(`role.${can.viewer}`) })}
    </p>
  )
}
