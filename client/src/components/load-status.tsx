import type { ApiState } from '../api/use-api.js'
import { t } from '../i18n/index.js'

/** What a screen shows while an API answer loads, or when it failed; nothing once it is there. */
export function LoadStatus({ state }: { state: ApiState<unknown> }) {
  if (state.status === 'loading') return <p>{t('map.loading')}</p>
  if (state.status === 'failed') {
    return (
      <p className="error" role="alert">
        {t('error.generic', { message: state.message })}
      </p>
    )
  }
  return null
}
