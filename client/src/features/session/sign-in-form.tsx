import { signInSchema } from '@contract/accounts.js'
import { type FormEvent, useState } from 'react'
import { ApiRequestError } from '../../api/client.js'
import { type FieldErrors, fieldErrorsOf, fieldErrorsOfIssues } from '../../components/field-error.js'
import { errorsAt, TextField } from '../../components/fields.js'
import { t } from '../../i18n/index.js'
import { signIn } from './use-session.js'

/**
 * E-mail and password. Field problems show under their field, a refusal (wrong password, too
 * many attempts) above the button; the caller decides where a signed-in user goes next.
 */
export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [refusal, setRefusal] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setRefusal(undefined)
    // the contract's own checks first, with the paths the server would name
    const checked = signInSchema.safeParse({ email, password })
    setErrors(fieldErrorsOfIssues(checked.error?.issues ?? []))
    if (!checked.success) return
    setBusy(true)
    try {
      await signIn(checked.data.email, checked.data.password)
      onSignedIn?.()
    } catch (error) {
      setErrors(fieldErrorsOf(error))
      setRefusal(refusalOf(error))
    } finally {
      setBusy(false)
    }
  }

  const at = errorsAt(errors, (field) => `body.${field}`)
  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-label={t('signIn.title')}>
      <TextField
        type="email"
        autoComplete="username"
        label={t('signIn.email')}
        value={email}
        onChange={setEmail}
        {...at('email')}
      />
      <TextField
        type="password"
        autoComplete="current-password"
        label={t('signIn.password')}
        value={password}
        onChange={setPassword}
        {...at('password')}
      />
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  )
}

function refusalOf(error: unknown): string | undefined {
  if (!(error instanceof ApiRequestError)) {
    return t('error.generic', { message: error instanceof Error ? error.message : String(error) })
  }
  if (error.status === 401) return t('signIn.wrong')
  if (error.status === 429) return t('signIn.tooMany')
  // field problems are shown under the fields
  return error.body.details.length > 0 ? undefined : error.body.message
}
