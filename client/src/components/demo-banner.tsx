import { t } from '../i18n/index.js'

/** Shown wherever demo rows are on screen, so synthetic figures are never taken for survey data. */
export function DemoBanner() {
  return (
    <div className="demo-banner" role="note">
      {t('demo.banner')}
    </div>
  )
}
