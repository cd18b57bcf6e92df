import type { AreaAggregate } from '@contract/aggregates.js'
import { t } from '../../i18n/index.js'

/**
 * Which survey year the figures are for, said in words above them: every tonnage is one survey
 * year's, and a reader signing a figure must know which.
 */
export function SurveyYearLine({ area, chosen }: { area: AreaAggregate; chosen: number | undefined }) {
  const first = area.years[0]
  const last = area.years.at(-1)
  return (
    <p className="dashboard-year" data-testid="survey-year">
      <strong>
        {area.surveyYear === null
          ? t('dashboard.showsNoYear')
          : chosen === undefined
            ? t('dashboard.showsLatestYear', { year: area.surveyYear })
            : t('dashboard.showsYear', { year: area.surveyYear })}
      </strong>
      {first !== undefined && last !== undefined && first !== last && (
        <span className="muted"> · {t('dashboard.seriesYears', { from: first, to: last })}</span>
      )}
    </p>
  )
}
