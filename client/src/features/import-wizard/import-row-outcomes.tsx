import type { ImportReport, ImportRowOutcome } from '@contract/imports.js'
import { TableHead } from '../../components/table-head.js'
import { t } from '../../i18n/index.js'

/** "0 new, 0 updated, 3 unchanged": what the file does to the stored survey, row by row (issue 12). */
export function RowStatusSummary({ report }: { report: ImportReport }) {
  const { rowCounts } = report
  return (
    <p data-testid="import-row-status">
      {t(rowCounts.error > 0 ? 'import.rowStatusWithErrors' : 'import.rowStatus', rowCounts)}
    </p>
  )
}

const matchLabel = (rule: ImportRowOutcome['enterpriseMatch'] | ImportRowOutcome['streamMatch']) =>
  rule === null ? '—' : t(`import.match.${rule}`)

/** Each row's status, the fields it changes and the rule that found its enterprise and stream. */
export function ImportRowOutcomes({ report }: { report: ImportReport }) {
  if (report.rowOutcomes.length === 0) return null
  return (
    <div className="report-scroll">
      <table className="data-table report-table" data-testid="import-row-outcomes">
        <caption>{t('import.rowOutcomes')}</caption>
        <TableHead
          columns={[
            t('import.row'),
            t('import.status'),
            t('import.changedFields'),
            t('import.enterpriseMatch'),
            t('import.streamMatch'),
          ]}
        />
        <tbody>
          {report.rowOutcomes.map((outcome) => (
            <tr key={outcome.row} data-row={outcome.row} data-status={outcome.status}>
              <th scope="row">{outcome.row}</th>
              <td>{t(`import.status.${outcome.status}`)}</td>
              <td>
                {outcome.changedFields.length === 0
                  ? '—'
                  : outcome.changedFields.map((field) => <code key={field}>{field} </code>)}
              </td>
              <td>{matchLabel(outcome.enterpriseMatch)}</td>
              <td>{matchLabel(outcome.streamMatch)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.rows > report.rowOutcomes.length && (
        <p className="muted">{t('import.moreRowOutcomes', { shown: report.rowOutcomes.length })}</p>
      )}
    </div>
  )
}
