import { type AggregateRequest, type AggregateTable, api } from '../../api/endpoints.js'
import { t } from '../../i18n/index.js'

type ExportLinksProps = {
  request: AggregateRequest
  table: AggregateTable
  /** What the table is, for the links' accessible names: "Download waste by EWC chapter as CSV". */
  title: string
}

/** CSV and Excel downloads of one table, straight from the export endpoint. */
export function ExportLinks({ request, table, title }: ExportLinksProps) {
  const label = t('dashboard.export', { title })
  return (
    <span className="dashboard-export" role="group" aria-label={label}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          href={api.aggregateExportUrl(request, table, format)}
          download
          aria-label={`${label} (${format.toUpperCase()})`}
        >
          {format === 'csv' ? t('dashboard.exportCsv') : t('dashboard.exportXlsx')}
        </a>
      ))}
    </span>
  )
}
