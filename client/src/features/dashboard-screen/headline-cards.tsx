import type { AreaAggregate } from '@contract/aggregates.js'
import { t } from '../../i18n/index.js'
import { withheldText } from './chart-rows.js'
import { type BasisShares, basisText, type HeadlineFigure, headlineFigures } from './headline-figures.js'

type HeadlineCardsProps = { area: AreaAggregate; minEnterprises: number }

/** The five figures an official reads first, each with its unit and what its tonnes rest on. */
export function HeadlineCards({ area, minEnterprises }: HeadlineCardsProps) {
  return (
    <ul className="dashboard-figures" aria-label={t('dashboard.figures')} data-testid="headline-figures">
      {headlineFigures(area).map((figure) => (
        <li key={figure.id} data-figure={figure.id}>
          <FigureCard figure={figure} minEnterprises={minEnterprises} />
        </li>
      ))}
    </ul>
  )
}

function FigureCard({ figure, minEnterprises }: { figure: HeadlineFigure; minEnterprises: number }) {
  return (
    <>
      <span className="dashboard-figure-label">{figure.label}</span>
      {figure.text !== null ? (
        <strong className="dashboard-figure-value">{figure.text}</strong>
      ) : figure.withheld ? (
        <span className="dashboard-withheld">{withheldText(figure.withheld, minEnterprises)}</span>
      ) : (
        <strong className="dashboard-figure-value">—</strong>
      )}
      {figure.note && <span className="dashboard-figure-note">{figure.note}</span>}
      {figure.basis && <BasisLine shares={figure.basis} of={figure.basisOf} />}
    </>
  )
}

/** The measured / estimated / calculated split as a thin stacked bar with its words. */
export function BasisLine({ shares, of }: { shares: BasisShares; of?: string | undefined }) {
  return (
    <span className="dashboard-basis">
      <span className="dashboard-basis-bar" aria-hidden="true">
        {(['measured', 'estimated', 'calculated'] as const).map((part) => (
          <span
            key={part}
            className={`dashboard-basis-${part}`}
            style={{ width: `${shares[part] * 100}%` }}
          />
        ))}
      </span>
      <span>
        {of ?? t('dashboard.basis.caption')}: {basisText(shares)}
      </span>
    </span>
  )
}
