import type { AreaAggregate } from '@contract/aggregates.js'
import { t } from '../../i18n/index.js'
import { withheldText } from './chart-rows.js'
import { basisText, type HeadlineFigure, headlineFigures } from './headline-figures.js'

type CompareTableProps = { areas: AreaAggregate[]; minEnterprises: number }

/** The headline figures of several regions as columns of one table. */
export function CompareTable({ areas, minEnterprises }: CompareTableProps) {
  const columns = areas.map((area) => ({
    id: area.area.regionId,
    name: area.area.name,
    surveyYear: area.surveyYear,
    figures: headlineFigures(area),
  }))
  const rows = columns[0]?.figures ?? []
  return (
    <table className="dashboard-table" data-testid="compare-table">
      <thead>
        <tr>
          <th scope="col">{t('dashboard.compare.figure')}</th>
          {columns.map((column) => (
            <th key={column.id} scope="col">
              {column.name}
              {/* each region's figures are one survey year's: its own latest unless one is chosen */}
              {column.surveyYear !== null && (
                <span className="muted">
                  {' '}
                  · {t('dashboard.figure.surveyYear', { year: column.surveyYear })}
                </span>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id}>
            {/* the year-on-year label names the years, which may differ between regions */}
            <th scope="row">{row.id === 'yearOnYear' ? t('dashboard.figure.yearOnYear') : row.label}</th>
            {columns.map((column) => (
              <td key={column.id}>
                <FigureCell figure={column.figures[index]} minEnterprises={minEnterprises} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function FigureCell({
  figure,
  minEnterprises,
}: {
  figure: HeadlineFigure | undefined
  minEnterprises: number
}) {
  if (!figure) return null
  const note = figure.id === 'yearOnYear' ? figure.label : figure.note
  return (
    <>
      {figure.text ?? (
        <span className="dashboard-withheld">
          {figure.withheld ? withheldText(figure.withheld, minEnterprises) : '—'}
        </span>
      )}
      {note && <span className="dashboard-figure-note">{note}</span>}
      {figure.id === 'yearOnYear' && figure.note && (
        <span className="dashboard-figure-note">{figure.note}</span>
      )}
      {figure.basis && <span className="dashboard-figure-note">{basisText(figure.basis)}</span>}
    </>
  )
}
