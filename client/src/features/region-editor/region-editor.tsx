import type { AreaGeometry } from '@contract/geojson.js'
import type { RegionFeature, RegionLevel } from '@contract/regions.js'
import { type FormEvent, useState } from 'react'
import { ApiRequestError } from '../../api/client.js'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { type FieldErrors, FormError, fieldErrorsOf } from '../../components/field-error.js'
import { Checkbox, errorsAt, Field, TextField } from '../../components/fields.js'
import { t } from '../../i18n/index.js'
import { type DrawMode, RegionDrawMap } from './region-draw-map.js'
import { RegionImport } from './region-import.js'
import { RegionLevelField } from './region-level-field.js'

type Editing = { id: number; version: number } | undefined

/** Server paths placed on this form: geometry problems beside the drawing, properties beside their field. */
function placeRegionPath(path: string): string {
  if (path.startsWith('body.geometry')) return 'body.geometry'
  if (path.startsWith('body.properties.')) return path.split('.').slice(0, 3).join('.')
  return path
}

/**
 * Draw (or edit) a region on the map, name it, choose its level and save it; or import a boundary
 * file. The geometry is also shown as GeoJSON text, which can be typed or pasted, so the editor
 * works without a pointer too.
 */
export function RegionEditor() {
  const [loads, setLoads] = useState(0)
  const regions = useApi(api.regions, String(loads))
  const [editing, setEditing] = useState<Editing>()
  const [name, setName] = useState('')
  const [level, setLevel] = useState<RegionLevel>('custom')
  const [geometry, setGeometry] = useState<AreaGeometry>()
  const [geometryText, setGeometryText] = useState('')
  const [loadToken, setLoadToken] = useState(0)
  const [mode, setMode] = useState<DrawMode>('polygon')
  const [repair, setRepair] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>()
  const [status, setStatus] = useState('')
  const [saving, setSaving] = useState(false)

  const drawn = (next: AreaGeometry | undefined) => {
    setGeometry(next)
    setGeometryText(next ? JSON.stringify(next) : '')
  }

  const typed = (text: string) => {
    setGeometryText(text)
    try {
      const parsed = JSON.parse(text) as AreaGeometry
      if (parsed && (parsed.type === 'Polygon' || parsed.type === 'MultiPolygon')) {
        setGeometry(parsed)
        setLoadToken((n) => n + 1)
      }
    } catch {
      // Still being typed; the text stays as it is and is checked on save.
    }
  }

  const startNew = () => {
    setEditing(undefined)
    setName('')
    setLevel('custom')
    drawn(undefined)
    setLoadToken((n) => n + 1)
    setErrors({})
    setFailure(undefined)
    setMode('polygon')
  }

  const edit = (region: RegionFeature) => {
    setEditing({ id: region.properties.id, version: region.properties.version })
    setName(region.properties.name)
    setLevel(region.properties.level)
    drawn(region.geometry)
    setLoadToken((n) => n + 1)
    setErrors({})
    setFailure(undefined)
    setStatus('')
    setMode('select')
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    setStatus('')
    const found: FieldErrors = {}
    if (name.trim() === '') found['body.properties.name'] = [t('regionEditor.nameMissing')]
    if (!geometry || geometryText.trim() === '') found['body.geometry'] = [t('regionEditor.geometryMissing')]
    setErrors(found)
    if (Object.keys(found).length > 0 || !geometry) return
    setSaving(true)
    try {
      const properties = { name, level }
      const saved = editing
        ? await api.updateRegion(
            editing.id,
            { type: 'Feature', geometry, properties: { ...properties, version: editing.version } },
            repair,
          )
        : await api.createRegion({ type: 'Feature', geometry, properties }, repair)
      setStatus(t('regionEditor.saved', { name: saved.properties.name }))
      setEditing({ id: saved.properties.id, version: saved.properties.version })
      // Saved: further clicks should adjust this region, not start another polygon in it.
      setMode('select')
      setLoads((n) => n + 1)
    } catch (error) {
      setErrors(fieldErrorsOf(error, placeRegionPath))
      setFailure(error)
    } finally {
      setSaving(false)
    }
  }

  async function remove(region: RegionFeature) {
    if (!window.confirm(t('regionEditor.confirmDelete', { name: region.properties.name }))) return
    try {
      await api.deleteRegion(region.properties.id, false)
    } catch (error) {
      // Enterprises lie in it: only an explicit second yes re-derives their regions.
      if (!(error instanceof ApiRequestError && error.status === 409)) {
        setFailure(error)
        return
      }
      if (!window.confirm(t('regionEditor.confirmReassign', { message: error.body.message }))) return
      try {
        await api.deleteRegion(region.properties.id, true)
      } catch (second) {
        setFailure(second)
        return
      }
    }
    if (editing?.id === region.properties.id) startNew()
    setStatus(t('regionEditor.deleted', { name: region.properties.name }))
    setLoads((n) => n + 1)
  }

  const regionData = regions.status === 'ready' ? regions.data : undefined
  const at = errorsAt(errors, (field) => `body.${field}`)
  return (
    <div className="page region-editor">
      <div className="form-columns">
        <div className="form-fields">
          <h2>{t('regionEditor.title')}</h2>
          <p className="saved-note" role="status" hidden={!status}>
            {status}
          </p>
          <form onSubmit={save} noValidate aria-labelledby="region-form-title">
            <h3 id="region-form-title">
              {editing ? t('regionEditor.editing', { name }) : t('regionEditor.newRegion')}
            </h3>
            <FormError
              error={failure}
              shown={new Set(Object.keys(errors))}
              onReload={() => setLoads((n) => n + 1)}
            />
            <fieldset className="draw-tools">
              <legend className="visually-hidden">{t('regionEditor.tools')}</legend>
              <button type="button" aria-pressed={mode === 'polygon'} onClick={() => setMode('polygon')}>
                {t('regionEditor.drawMode')}
              </button>
              <button type="button" aria-pressed={mode === 'select'} onClick={() => setMode('select')}>
                {t('regionEditor.editMode')}
              </button>
              <button
                type="button"
                onClick={() => {
                  drawn(undefined)
                  setLoadToken((n) => n + 1)
                  setMode('polygon')
                }}
              >
                {t('regionEditor.clear')}
              </button>
            </fieldset>
            <p className="muted hint">
              {t(mode === 'polygon' ? 'regionEditor.drawHint' : 'regionEditor.editHint')}
            </p>
            <TextField
              label={t('regionEditor.name')}
              value={name}
              onChange={setName}
              {...at('properties.name')}
            />
            <RegionLevelField value={level} onChange={setLevel} {...at('properties.level')} />
            <Field label={t('regionEditor.geometry')} {...at('geometry')}>
              {(control) => (
                <textarea
                  {...control}
                  rows={4}
                  value={geometryText}
                  onChange={(e) => typed(e.target.value)}
                  spellCheck={false}
                />
              )}
            </Field>
            <Checkbox label={t('regionEditor.repair')} checked={repair} onChange={setRepair} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={saving}>
                {saving ? t('form.saving') : t('regionEditor.save')}
              </button>
              {editing && (
                <button type="button" onClick={startNew}>
                  {t('regionEditor.newRegion')}
                </button>
              )}
            </div>
          </form>

          <RegionImport onImported={() => setLoads((n) => n + 1)} />

          <h3>{t('map.regions')}</h3>
          {regionData && regionData.features.length === 0 && <p className="muted">{t('map.noRegions')}</p>}
          <ul className="region-rows">
            {regionData?.features.map((region) => (
              <li key={region.properties.id}>
                <span>
                  {region.properties.name}{' '}
                  <small className="muted">
                    {t(`regionLevel.${region.properties.level}`)} · {region.properties.boundarySetName}
                  </small>
                </span>
                <button type="button" onClick={() => edit(region)}>
                  {t('regionEditor.edit')}
                  <span className="visually-hidden"> {region.properties.name}</span>
                </button>
                <button type="button" className="danger" onClick={() => remove(region)}>
                  {t('regionEditor.delete')}
                  <span className="visually-hidden"> {region.properties.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <RegionDrawMap
          regions={regionData}
          geometry={geometry}
          loadToken={loadToken}
          mode={mode}
          onChange={drawn}
        />
      </div>
    </div>
  )
}
