import { type RegionLevel, regionLevels } from '@contract/regions.js'
import { type FormEvent, useId, useState } from 'react'
import { api } from '../../api/endpoints.js'
import {
  describedBy,
  FieldError,
  type FieldErrors,
  FormError,
  fieldErrorsOf,
} from '../../components/field-error.js'
import { t } from '../../i18n/index.js'

type Loaded = { fileName: string; features: unknown[]; propertyNames: string[] }

/** The property keys the features carry, in first-seen order, so the analyst picks the name column. */
function propertyNamesOf(features: readonly unknown[]): string[] {
  const names = new Set<string>()
  for (const feature of features.slice(0, 200)) {
    const properties = (feature as { properties?: unknown } | null)?.properties
    if (properties && typeof properties === 'object')
      for (const key of Object.keys(properties)) names.add(key)
  }
  return [...names]
}

/** Paths of the import body placed on this form; per-feature problems stay in the list above it. */
function placeImportPath(path: string): string {
  for (const field of ['nameProperty', 'codeProperty', 'level']) {
    if (path === `body.${field}` || path === `querystring.${field}`) return `import.${field}`
  }
  return path
}

/**
 * Import administrative boundaries (or any Polygon/MultiPolygon features) from a GeoJSON file:
 * the analyst chooses which property holds the name. All or nothing: one bad feature, none saved.
 */
export function RegionImport({ onImported }: { onImported: () => void }) {
  const fileId = useId()
  const [loaded, setLoaded] = useState<Loaded>()
  const [readError, setReadError] = useState('')
  const [nameProperty, setNameProperty] = useState('')
  const [codeProperty, setCodeProperty] = useState('')
  const [level, setLevel] = useState<RegionLevel>('admin1')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>()
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)

  async function read(file: File | undefined) {
    setLoaded(undefined)
    setReadError('')
    setStatus('')
    setFailure(undefined)
    if (!file) return
    try {
      const json = JSON.parse(await file.text()) as { type?: unknown; features?: unknown }
      if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
        setReadError(t('regionImport.notCollection'))
        return
      }
      const propertyNames = propertyNamesOf(json.features)
      setLoaded({ fileName: file.name, features: json.features, propertyNames })
      const guess =
        propertyNames.find((key) => /^(name|name_\d|shapename|nom)$/i.test(key)) ?? propertyNames[0]
      setNameProperty(guess ?? '')
    } catch {
      setReadError(t('regionImport.notJson'))
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!loaded) return
    setBusy(true)
    setFailure(undefined)
    setErrors({})
    try {
      const result = await api.importRegions({
        type: 'FeatureCollection',
        features: loaded.features,
        nameProperty: nameProperty || undefined,
        codeProperty: codeProperty || undefined,
        level,
      })
      setStatus(t('regionImport.done', { count: result.imported }))
      onImported()
    } catch (error) {
      setErrors(fieldErrorsOf(error, placeImportPath))
      setFailure(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="region-import" onSubmit={submit} noValidate aria-labelledby={`${fileId}-title`}>
      <h3 id={`${fileId}-title`}>{t('regionImport.title')}</h3>
      <div className="field">
        <label htmlFor={fileId}>{t('regionImport.file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          onChange={(e) => read(e.target.files?.[0])}
        />
        {readError && (
          <span className="field-error" role="alert">
            {readError}
          </span>
        )}
      </div>
      {loaded && (
        <>
          <p className="muted">{t('regionImport.features', { count: loaded.features.length })}</p>
          <div className="field">
            <label htmlFor={`${fileId}-name`}>{t('regionImport.nameProperty')}</label>
            <select
              id={`${fileId}-name`}
              value={nameProperty}
              onChange={(e) => setNameProperty(e.target.value)}
              {...describedBy(errors, 'import.nameProperty')}
            >
              {loaded.propertyNames.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
            <FieldError errors={errors} path="import.nameProperty" />
          </div>
          <div className="field">
            <label htmlFor={`${fileId}-code`}>{t('regionImport.codeProperty')}</label>
            <select
              id={`${fileId}-code`}
              value={codeProperty}
              onChange={(e) => setCodeProperty(e.target.value)}
              {...describedBy(errors, 'import.codeProperty')}
            >
              <option value="">{t('regionImport.noCode')}</option>
              {loaded.propertyNames.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
            <FieldError errors={errors} path="import.codeProperty" />
          </div>
          <div className="field">
            <label htmlFor={`${fileId}-level`}>{t('regionEditor.level')}</label>
            <select
              id={`${fileId}-level`}
              value={level}
              onChange={(e) => setLevel(e.target.value as RegionLevel)}
              {...describedBy(errors, 'import.level')}
            >
              {regionLevels.map((value) => (
                <option key={value} value={value}>
                  {t(`regionLevel.${value}`)}
                </option>
              ))}
            </select>
            <FieldError errors={errors} path="import.level" />
          </div>
          <FormError error={failure} shown={new Set(Object.keys(errors))} />
          <button type="submit" className="primary" disabled={busy}>
            {t('regionImport.submit', { count: loaded.features.length })}
          </button>
        </>
      )}
      <p className="saved-note" role="status" hidden={!status}>
        {status}
      </p>
    </form>
  )
}
