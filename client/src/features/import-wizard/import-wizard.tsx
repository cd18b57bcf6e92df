import type { ImportReport } from '@contract/imports.js'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { FormError } from '../../components/field-error.js'
import { FileField } from '../../components/fields.js'
import { t } from '../../i18n/index.js'
import { type CsvTable, parseCsv, writeCsv } from './csv-table.js'
import { ImportReportTable } from './import-report-table.js'
import { ImportRowOutcomes, RowStatusSummary } from './import-row-outcomes.js'

type Upload = { file: Blob; fileName: string; table: CsvTable | undefined }

/**
 * Bulk import in three steps: get the template, upload and dry-run (nothing is written; the report
 * lists every bad cell), fix and check again, then commit — all rows or none.
 */
export function ImportWizard() {
  const [upload, setUpload] = useState<Upload>()
  const [edited, setEdited] = useState(false)
  const [report, setReport] = useState<ImportReport>()
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState<'check' | 'commit'>()

  async function choose(file: File | undefined) {
    setReport(undefined)
    setFailure(undefined)
    setEdited(false)
    if (!file) {
      setUpload(undefined)
      return
    }
    const isCsv = /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv'
    setUpload({ file, fileName: file.name, table: isCsv ? parseCsv(await file.text()) : undefined })
  }

  /** The file as it now stands: fixed cells are written back into the CSV. */
  const current = (): Upload | undefined =>
    upload && edited && upload.table
      ? { ...upload, file: new Blob([writeCsv(upload.table)], { type: 'text/csv' }) }
      : upload

  async function run(dryRun: boolean) {
    const next = current()
    if (!next) return
    setBusy(dryRun ? 'check' : 'commit')
    setFailure(undefined)
    try {
      setReport(await api.importSurvey(next.file, next.fileName, dryRun))
      setUpload(next)
      setEdited(false)
    } catch (error) {
      setReport(undefined)
      setFailure(error)
    } finally {
      setBusy(undefined)
    }
  }

  const edit = (recordIndex: number, columnIndex: number, value: string) => {
    setUpload((previous) => {
      if (!previous?.table) return previous
      const records = previous.table.records.map((record, i) =>
        i === recordIndex ? record.map((cell, j) => (j === columnIndex ? value : cell)) : record,
      )
      return { ...previous, table: { ...previous.table, records } }
    })
    setEdited(true)
  }

  const checkedClean = report?.dryRun === true && report.errorCount === 0 && !edited
  return (
    <div className="page import-wizard">
      <h2>{t('import.title')}</h2>
      <ol className="steps">
        <li>
          <h3>{t('import.step1')}</h3>
          <p>
            {t('import.templateText')}{' '}
            <a href="/api/imports/template.csv" download="loopmap-import-template.csv">
              {t('import.template')}
            </a>
          </p>
        </li>
        <li>
          <h3>{t('import.step2')}</h3>
          <FileField
            label={t('import.file')}
            accept=".csv,.txt,.xlsx,.geojson,.json,text/csv,application/geo+json"
            onChange={choose}
          />
          <button type="button" onClick={() => run(true)} disabled={!upload || busy !== undefined}>
            {busy === 'check' ? t('import.checking') : report ? t('import.checkAgain') : t('import.check')}
          </button>
        </li>
        <li>
          <h3>{t('import.step3')}</h3>
          <FormError error={failure} shown={new Set()} />
          <div aria-live="polite" data-testid="import-summary">
            {report && <ReportSummary report={report} />}
          </div>
          {report && report.errorCount > 0 && (
            <>
              <p className="form-error" role="alert">
                {t('import.hasErrors', { count: report.errorCount })}
              </p>
              <ImportReportTable report={report} table={upload?.table} onEdit={edit} />
              {report.errorCount > report.errors.length && (
                <p className="muted">{t('import.moreErrors', { shown: report.errors.length })}</p>
              )}
              {edited && <p className="muted">{t('import.edited')}</p>}
            </>
          )}
          {report && <ImportRowOutcomes report={report} />}
          {checkedClean && (
            <button
              type="button"
              className="primary"
              onClick={() => run(false)}
              disabled={busy !== undefined}
            >
              {busy === 'commit' ? t('import.committing') : t('import.commit', { rows: report.rows })}
            </button>
          )}
          {report?.committed && (
            <p className="saved-note" role="status">
              {t('import.committed')} <Link to="/enterprises">{t('import.seeEnterprises')}</Link>
            </p>
          )}
        </li>
      </ol>
    </div>
  )
}

function ReportSummary({ report }: { report: ImportReport }) {
  const values = {
    rows: report.rows,
    created: report.enterprisesCreated,
    matched: report.enterprisesMatched,
    streams: report.streamsCreated,
  }
  return (
    <>
      <p>
        {report.errorCount > 0
          ? t('import.rowsRead', values)
          : t(report.dryRun ? 'import.summaryDryRun' : 'import.summaryCommitted', values)}
      </p>
      <RowStatusSummary report={report} />
      {report.ignoredColumns.length > 0 && (
        <p className="muted">{t('import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
      )}
    </>
  )
}
