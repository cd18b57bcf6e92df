import type { RegionLevel } from '@contract/regions.js'
import { type FormEvent, useId, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { type FieldErrors, FormError, fieldErrorsOf } from '../../components/field-error.js'
import { errorsAt, FileField, SelectField, TextField } from '../../components/fields.js'
import { t } from '../../i18n/index.js'
import { RegionLevelField } from './region-level-field.js'

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
  for (const field of ['nameProperty', 'codeProperty', 'level', 'boundarySetName']) {
    if (path === `body.${field}` || path === `querystring.${field}`) return `import.${field}`
  }
  return path
}

/**
 * Import administrative boundaries (or any Polygon/MultiPolygon features) from a GeoJSON file:
 * the analyst chooses which property holds the name. All or nothing: one bad feature, none saved.
 */
export function RegionImport({ onImported }: { onImported: () => void }) {
  const titleId = useId()
  const [loaded, setLoaded] = useState<Loaded>()
  const [readError, setReadError] = useState('')
  const [nameProperty, setNameProperty] = useState('')
  const [codeProperty, setCodeProperty] = useState('')
  const [level, setLevel] = useState<RegionLevel>('admin1')
  // each file becomes a boundary set of its own (issue 12), named after the file unless changed
  const [boundarySetName, setBoundarySetName] = useState('')
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
      setBoundarySetName(file.name.replace(/\.(geo)?json$/i, ''))
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
        boundarySetName: boundarySetName.trim() || undefined,
      })
      setStatus(t('regionImport.done', { count: result.imported, set: result.boundarySet.name }))
      onImported()
    } catch (error) {
      setErrors(fieldErrorsOf(error, placeImportPath))
      setFailure(error)
    } finally {
      setBusy(false)
    }
  }

  const at = errorsAt(errors, (field) => `import.${field}`)
  return (
    <form className="region-import" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('regionImport.title')}</h3>
      <FileField
        label={t('regionImport.file')}
        accept=".geojson,.json,application/geo+json,application/json"
        onChange={read}
      >
        {readError && (
          <span className="field-error" role="alert">
            {readError}
          </span>
        )}
      </FileField>
      {loaded && (
        <>
          <p className="muted">{t('regionImport.features', { count: loaded.features.length })}</p>
          <SelectField
            label={t('regionImport.nameProperty')}
            value={nameProperty}
            options={loaded.propertyNames}
            onChange={setNameProperty}
            {...at('nameProperty')}
          />
          <SelectField
            label={t('regionImport.codeProperty')}
            value={codeProperty}
            empty={t('regionImport.noCode')}
            options={loaded.propertyNames}
            onChange={setCodeProperty}
            {...at('codeProperty')}
          />
          <RegionLevelField value={level} onChange={setLevel} {...at('level')} />
          <TextField
            label={t('regionImport.boundarySetName')}
            value={boundarySetName}
            onChange={setBoundarySetName}
            maxLength={200}
            {...at('boundarySetName')}
          />
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
