import type { ImportError, ImportReport } from '@contract/imports.js'
import { useEffect, useRef } from 'react'
import { TableHead } from '../../components/table-head.js'
import { t } from '../../i18n/index.js'
import type { CsvTable } from './csv-table.js'

type ReportTableProps = {
  report: ImportReport
  /** The uploaded CSV as read in the browser; without it (XLSX, GeoJSON) the errors are listed. */
  table: CsvTable | undefined
  onEdit: (recordIndex: number, columnIndex: number, value: string) => void
}

/**
 * The rows the server refused, shown as the file shows them, each bad cell highlighted with its
 * reason beside it and editable, so the analyst can fix the file here and check it again.
 */
export function ImportReportTable({ report, table, onEdit }: ReportTableProps) {
  const scroller = useRef<HTMLDivElement>(null)
  // Wide files put the bad cell off screen: bring the first one into view for each new report.
  // a new report is what re-runs it
  useEffect(() => {
    scroller.current?.querySelector('.bad-cell')?.scrollIntoView({ block: 'nearest', inline: 'center' })
  }, [report])
  if (report.errors.length === 0) return null
  const header = table?.records[0]
  if (!table || !header) return <ErrorList errors={report.errors} />

  const byRow = new Map<number, ImportError[]>()
  for (const error of report.errors) byRow.set(error.row, [...(byRow.get(error.row) ?? []), error])
  const rows = [...byRow.keys()].sort((a, b) => a - b)
  const cellId = (row: number, column: number) => `import-cell-${row}-${column}`

  return (
    <div className="report-scroll" ref={scroller}>
      <table className="data-table report-table" data-testid="import-report">
        <caption>{t('import.badRows', { count: rows.length })}</caption>
        <TableHead columns={[t('import.row'), ...header, t('import.rowProblems')]} />
        <tbody>
          {rows.map((row) => {
            const errors = byRow.get(row) ?? []
            // Spreadsheet numbering: the header is row 1, so row r is record r - 1.
            const record = table.records[row - 1]
            const placed = new Set<ImportError>()
            return (
              <tr key={row} data-row={row}>
                <th scope="row">{row}</th>
                {header.map((name, column) => {
                  const cellErrors = errors.filter((error) => error.column === name)
                  for (const error of cellErrors) placed.add(error)
                  const value = record?.[column] ?? ''
                  if (cellErrors.length === 0) {
                    // columns are positional
                    return <td key={column}>{value}</td>
                  }
                  const id = cellId(row, column)
                  return (
                    // columns are positional
                    <td key={column} className="bad-cell">
                      <input
                        aria-label={t('import.cellLabel', { row, column: name })}
                        aria-invalid="true"
                        aria-describedby={`${id}-reason`}
                        value={value}
                        onChange={(e) => onEdit(row - 1, column, e.target.value)}
                      />
                      <span className="cell-reason" id={`${id}-reason`}>
                        {cellErrors.map((error) => error.reason).join('; ')}
                      </span>
                    </td>
                  )
                })}
                <td className="row-problems">
                  {errors
                    .filter((error) => !placed.has(error))
                    .map((error) => (
                      <span key={`${error.column}:${error.reason}`}>
                        {error.column && <code>{error.column}</code>} {error.reason}
                      </span>
                    ))}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function ErrorList({ errors }: { errors: ImportError[] }) {
  return (
    <table className="data-table report-table" data-testid="import-report">
      <caption>{t('import.problems', { count: errors.length })}</caption>
      <TableHead columns={[t('import.row'), t('import.column'), t('import.value'), t('import.reason')]} />
      <tbody>
        {errors.map((error) => (
          <tr key={`${error.row}:${error.column}:${error.reason}`} data-row={error.row}>
            <th scope="row">{error.row}</th>
            <td>{error.column ?? '—'}</td>
            <td className="bad-cell">{error.value ?? ''}</td>
            <td>{error.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
