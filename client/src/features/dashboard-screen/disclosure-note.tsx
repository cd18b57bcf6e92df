import type { AggregateResponse } from '@contract/aggregates.js'
import { t } from '../../i18n/index.js'

/**
 * Says, before any chart, that withheld figures are deliberate: until accounts exist every viewer
 * is the public, so a demo dashboard always has some.
 */
export function DisclosureNote({ disclosure }: { disclosure: AggregateResponse['disclosure'] }) {
  if (!disclosure.applied) {
    return <p className="dashboard-note">{t('dashboard.disclosure.off', { k: disclosure.minEnterprises })}</p>
  }
  return (
    <aside className="dashboard-disclosure" data-testid="disclosure-note">
      <strong>{t('dashboard.disclosure.title')}</strong>
      <p>{t('dashboard.disclosure.text', { k: disclosure.minEnterprises })}</p>
    </aside>
  )
}
