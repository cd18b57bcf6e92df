import { ApiRequestError } from '../api/client.js'
import { t } from '../i18n/index.js'

/** Field messages keyed by the path the server names, e.g. `body.naceCode` or `streams.0.quantity`. */
export type FieldErrors = Record<string, string[]>

/** Groups an error's details by path, prefixing each path (`body.quantity` → `streams.2.quantity`). */
export function fieldErrorsOf(
  error: unknown,
  rename: (path: string) => string = (path) => path,
): FieldErrors {
  const errors: FieldErrors = {}
  if (!(error instanceof ApiRequestError)) return errors
  for (const detail of error.body.details) {
    const key = rename(detail.path)
    errors[key] = [...(errors[key] ?? []), detail.message]
  }
  return errors
}

/**
 * A client-side check's issues (zod), under the paths the server would name (`body.email`),
 * placed as the form places the server's (`place`).
 */
export function fieldErrorsOfIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  place: (path: string) => string = (path) => path,
) {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const path = place(['body', ...issue.path.map(String)].join('.'))
    errors[path] = [...(errors[path] ?? []), issue.message]
  }
  return errors
}

/** The id of a field's error element, for the field's `aria-describedby`. */
export const errorId = (path: string) => `error-${path.replace(/[^\w-]/g, '-')}`

/** Props that tie an input to its error message, so screen readers read the message with the field. */
export function describedBy(errors: FieldErrors, path: string) {
  const has = (errors[path]?.length ?? 0) > 0
  return { 'aria-invalid': has || undefined, 'aria-describedby': has ? errorId(path) : undefined }
}

/** The message(s) for one field, right under it; announced when it appears. */
export function FieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const messages = errors[path]
  if (!messages?.length) return null
  return (
    <span className="field-error" id={errorId(path)} role="alert">
      {messages.join('; ')}
    </span>
  )
}

/** A 409 about the version: someone saved in between, so this copy is stale. */
export function isStaleVersion(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    error.status === 409 &&
    (error.body.details.length === 0 || error.body.details.some((detail) => detail.path.endsWith('version')))
  )
}

/**
 * The form-level message: a stale version (409) says reload; other errors whose path names no
 * field on screen are listed here so nothing the server said is hidden.
 */
export function FormError({
  error,
  shown,
  onReload,
}: {
  error: unknown
  shown: ReadonlySet<string>
  onReload?: () => void
}) {
  // a 401 is the session's end, which the whole screen answers with the sign-in form (issue 7)
  if (!error || (error instanceof ApiRequestError && error.status === 401)) return null
  if (!(error instanceof ApiRequestError)) {
    return (
      <div className="form-error" role="alert">
        {t('error.generic', { message: error instanceof Error ? error.message : String(error) })}
      </div>
    )
  }
  const unplaced = error.body.details.filter((detail) => !shown.has(detail.path))
  return (
    <div className="form-error" role="alert">
      {isStaleVersion(error) ? (
        <p>
          {t('form.conflict')}{' '}
          {onReload && (
            <button type="button" onClick={onReload}>
              {t('form.reload')}
            </button>
          )}
        </p>
      ) : (
        <p>{error.body.message}</p>
      )}
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              <code>{detail.path}</code> {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
