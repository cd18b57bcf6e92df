import { type Enterprise, sizeClasses } from '@contract/enterprises.js'
import type { RegionCollection } from '@contract/regions.js'
import { type FormEvent, useReducer, useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import type { CodeOption } from '../../components/code-picker.js'
import { FieldError, type FieldErrors, FormError, fieldErrorsOf } from '../../components/field-error.js'
import { CodePickerField, errorsAt, NumberField, SelectField, TextField } from '../../components/fields.js'
import { t } from '../../i18n/index.js'
import {
  type EnterpriseDraft,
  type RowDrafts,
  enterpriseBody,
  enterpriseFormReducer,
  formStateOf,
  placeEnterprisePath,
  streamBody,
  validateForm,
} from './enterprise-draft.js'
import { LocationPickerMap } from './location-picker-map.js'
import { PermitRows, ResourceNeedRows } from './need-permit-rows.js'
import { needBody, permitBody } from './needs-permits-draft.js'
import { type RowKind, saveRows } from './row-drafts.js'
import { RowSection } from './row-fieldset.js'
import { WasteStreamRows } from './waste-stream-rows.js'

async function searchNaceClasses(query: string): Promise<CodeOption[]> {
  const page = await api.searchNace({ q: query, level: 'class', limit: 20 })
  return page.items.map((entry) => ({ code: entry.code, display: entry.code, description: entry.title }))
}

type EnterpriseFormProps = {
  enterprise: Enterprise | undefined
  regions: RegionCollection | undefined
  /** Seen, not changed (an official): the fields are locked and no button changes anything. */
  readOnly: boolean
  /** Permits are an analyst's to record, not the enterprise's own. */
  permitsReadOnly: boolean
  /** Where "Cancel" leads: the register for those who see it. */
  backTo: string
  onSaved: (id: number) => void
  onReload: () => void
}

/**
 * Create or edit an enterprise with its waste streams, resource needs and permits. The whole form
 * is checked against the contract before anything is sent; then the enterprise is saved, then
 * each new, changed or removed row. A row the server refuses keeps its place and its message,
 * and saving again sends only what is still unsaved.
 */
export function EnterpriseForm(props: EnterpriseFormProps) {
  const { enterprise, regions, readOnly, permitsReadOnly, backTo, onSaved, onReload } = props
  const [form, dispatch] = useReducer(enterpriseFormReducer, enterprise, formStateOf)
  const [failure, setFailure] = useState<unknown>()
  const [saving, setSaving] = useState(false)
  const { enterprise: draft, rows, errors } = form
  const set = (change: Partial<EnterpriseDraft>) => dispatch({ type: 'edit', change })
  const showErrors = (found: FieldErrors, error?: unknown) => {
    dispatch({ type: 'errors', errors: found })
    setFailure(error)
    focusFirstInvalid()
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    const found = validateForm(form)
    dispatch({ type: 'errors', errors: found })
    if (Object.keys(found).length > 0) {
      focusFirstInvalid()
      return
    }
    setSaving(true)
    try {
      await saveAll()
    } finally {
      setSaving(false)
    }
  }

  async function saveAll() {
    let { id, version } = form.saved
    const body = enterpriseBody(draft)
    const bodyText = JSON.stringify(body)
    try {
      if (id === undefined) {
        const created = await api.createEnterprise(body)
        id = created.id
        version = created.version
      } else if (bodyText !== form.saved.body && version !== undefined) {
        version = (await api.updateEnterprise(id, { ...body, version })).version
      }
    } catch (error) {
      showErrors(fieldErrorsOf(error, placeEnterprisePath), error)
      return
    }
    dispatch({ type: 'enterpriseSaved', saved: { id, version, body: bodyText } })

    const streams = await saveRows('streams', rows.streams, streamBody, api.wasteStreamsOf(id))
    const needs = await saveRows('needs', rows.needs, needBody, api.resourceNeedsOf(id))
    const permits = await saveRows('permits', rows.permits, permitBody, api.permitsOf(id))
    dispatch({ type: 'rowsSaved', rows: { streams: streams.set, needs: needs.set, permits: permits.set } })
    const rowFailure = streams.failure ?? needs.failure ?? permits.failure
    if (rowFailure) {
      showErrors({ ...streams.errors, ...needs.errors, ...permits.errors }, rowFailure)
      return
    }
    onSaved(id)
  }

  const at = errorsAt(errors, (field) => `body.${field}`)
  const rowProps = <K extends RowKind>(kind: K) => ({
    rows: rows[kind].rows,
    errors,
    onChange: (key: string, change: Partial<RowDrafts[K]>) =>
      dispatch({ type: 'editRow', kind, key, change }),
    onRemove: (key: string) => dispatch({ type: 'removeRow', kind, key }),
  })
  const editable = !readOnly
  return (
    <form className="enterprise-form" onSubmit={save} noValidate aria-labelledby="enterprise-form-title">
      <div className="form-columns">
        <div className="form-fields">
          <h2 id="enterprise-form-title">{enterprise ? enterprise.name : t('enterpriseForm.newTitle')}</h2>
          <FormError error={failure} shown={new Set(Object.keys(errors))} onReload={onReload} />
          {/* a locked fieldset disables every field in it and hides its row buttons (styles) */}
          <fieldset className="form-lock" disabled={readOnly}>
            <TextField
              label={t('enterpriseForm.name')}
              value={draft.name}
              onChange={(name) => set({ name })}
              required
              {...at('name')}
            />
            <TextField
              label={t('enterpriseForm.nationalId')}
              value={draft.nationalId}
              onChange={(nationalId) => set({ nationalId })}
              {...at('nationalId')}
            />
            <CodePickerField
              label={t('enterpriseForm.nace')}
              name="naceCode"
              value={draft.nace}
              onChange={(nace) => set({ nace })}
              search={searchNaceClasses}
              {...at('naceCode')}
            />
            <div className="field-row">
              <SelectField
                label={t('enterpriseForm.sizeClass')}
                value={draft.sizeClass}
                empty={t('form.unknown')}
                options={sizeClasses}
                optionLabel={(size) => t(`size.${size}`)}
                onChange={(sizeClass) => set({ sizeClass })}
                {...at('sizeClass')}
              />
              <NumberField
                inputMode="numeric"
                label={t('enterpriseForm.employees')}
                value={draft.employees}
                onChange={(employees) => set({ employees })}
                {...at('employees')}
              />
            </div>
            <TextField
              label={t('enterpriseForm.address')}
              value={draft.address}
              onChange={(address) => set({ address })}
              {...at('address')}
            />
            <fieldset className="location-fields">
              <legend>{t('enterpriseForm.location')}</legend>
              {editable && <p className="muted hint">{t('enterpriseForm.locationHint')}</p>}
              <div className="field-row">
                <NumberField
                  label={t('enterpriseForm.longitude')}
                  value={draft.longitude}
                  onChange={(longitude) => set({ longitude })}
                  errorBelowGroup
                  {...at('location')}
                />
                <NumberField
                  label={t('enterpriseForm.latitude')}
                  value={draft.latitude}
                  onChange={(latitude) => set({ latitude })}
                  errorBelowGroup
                  {...at('location')}
                />
              </div>
              <FieldError {...at('location')} />
              {enterprise?.outsideEveryRegion && <p className="muted">{t('enterprise.outside')}</p>}
              {enterprise?.regionName && (
                <p className="muted">{t('enterpriseForm.region', { name: enterprise.regionName })}</p>
              )}
            </fieldset>

            <RowSection
              title={t('enterpriseForm.streams')}
              noneText={t('enterpriseForm.noStreams')}
              count={rows.streams.rows.length}
              addLabel={editable ? t('enterpriseForm.addStream') : undefined}
              onAdd={() => dispatch({ type: 'addRow', kind: 'streams' })}
            >
              <WasteStreamRows {...rowProps('streams')} />
            </RowSection>
            <RowSection
              title={t('enterpriseForm.needs')}
              noneText={t('enterpriseForm.noNeeds')}
              count={rows.needs.rows.length}
              addLabel={editable ? t('enterpriseForm.addNeed') : undefined}
              onAdd={() => dispatch({ type: 'addRow', kind: 'needs' })}
            >
              <ResourceNeedRows {...rowProps('needs')} />
            </RowSection>
            <fieldset className="form-lock" disabled={permitsReadOnly}>
              <RowSection
                title={t('enterpriseForm.permits')}
                noneText={t('enterpriseForm.noPermits')}
                count={rows.permits.rows.length}
                addLabel={permitsReadOnly ? undefined : t('enterpriseForm.addPermit')}
                onAdd={() => dispatch({ type: 'addRow', kind: 'permits' })}
              >
                <PermitRows {...rowProps('permits')} />
              </RowSection>
            </fieldset>
          </fieldset>

          <div className="form-actions">
            {editable && (
              <button type="submit" className="primary" disabled={saving}>
                {saving ? t('form.saving') : t('form.save')}
              </button>
            )}
            <Link to={backTo}>{t(backTo === '/' ? 'enterprise.backToMap' : 'form.cancel')}</Link>
          </div>
        </div>
        <LocationPickerMap
          location={pickedLocation(draft)}
          regions={regions}
          onPick={
            readOnly
              ? undefined
              : ([longitude, latitude]) => set({ longitude: String(longitude), latitude: String(latitude) })
          }
        />
      </div>
    </form>
  )
}

function pickedLocation(draft: EnterpriseDraft): [number, number] | undefined {
  if (draft.longitude.trim() === '' || draft.latitude.trim() === '') return undefined
  const lon = Number(draft.longitude)
  const lat = Number(draft.latitude)
  return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : undefined
}

/** After a failed save, keyboard users land on the first field that needs them. */
function focusFirstInvalid() {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('.enterprise-form [aria-invalid="true"]')?.focus()
  })
}
