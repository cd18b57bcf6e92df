import { type Enterprise, sizeClasses } from '@contract/enterprises.js'
import type { RegionCollection } from '@contract/regions.js'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { type CodeOption, CodePicker } from '../../components/code-picker.js'
import {
  describedBy,
  FieldError,
  type FieldErrors,
  FormError,
  fieldErrorsOf,
} from '../../components/field-error.js'
import { t } from '../../i18n/index.js'
import {
  draftOfEnterprise,
  draftOfStream,
  type EnterpriseDraft,
  emptyEnterprise,
  emptyStream,
  enterpriseBody,
  placeEnterprisePath,
  placeStreamPath,
  type StreamDraft,
  streamBody,
  streamPath,
  validateDraft,
} from './enterprise-draft.js'
import { LocationPickerMap } from './location-picker-map.js'
import { PermitRows, ResourceNeedRows } from './need-permit-rows.js'
import {
  draftOfNeed,
  draftOfPermit,
  emptyNeed,
  emptyPermit,
  type NeedDraft,
  needBody,
  needPath,
  type PermitDraft,
  permitBody,
  permitPath,
  placeNeedPath,
  placePermitPath,
  saveRows,
  validateNeedsAndPermits,
} from './needs-permits-draft.js'
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
 * Create or edit an enterprise and its waste streams. The whole form is checked against the
 * contract before anything is sent; then the enterprise is saved, then each new, changed or
 * removed stream. A stream the server refuses keeps its row and its message, and saving again
 * sends only what is still unsaved.
 */
export function EnterpriseForm(props: EnterpriseFormProps) {
  const { enterprise, regions, readOnly, permitsReadOnly, backTo, onSaved, onReload } = props
  const [draft, setDraft] = useState<EnterpriseDraft>(() =>
    enterprise ? draftOfEnterprise(enterprise) : emptyEnterprise(),
  )
  const [streams, setStreams] = useState<StreamDraft[]>(() =>
    enterprise ? enterprise.wasteStreams.map(draftOfStream) : [],
  )
  // What was last saved, to send only what changed.
  const [saved, setSaved] = useState(() => ({
    id: enterprise?.id,
    version: enterprise?.version,
    body: enterprise ? JSON.stringify(enterpriseBody(draftOfEnterprise(enterprise))) : '',
    streams: new Map(
      (enterprise?.wasteStreams ?? []).map((s) => [s.id, JSON.stringify(streamBody(draftOfStream(s)))]),
    ),
  }))
  const [removed, setRemoved] = useState<StreamDraft[]>([])
  const [needs, setNeeds] = useState<NeedDraft[]>(() => (enterprise?.resourceNeeds ?? []).map(draftOfNeed))
  const [permits, setPermits] = useState<PermitDraft[]>(() => (enterprise?.permits ?? []).map(draftOfPermit))
  const [removedNeeds, setRemovedNeeds] = useState<NeedDraft[]>([])
  const [removedPermits, setRemovedPermits] = useState<PermitDraft[]>([])
  // What was last saved of each need and permit, to send only what changed.
  const [savedNeeds, setSavedNeeds] = useState(
    () =>
      new Map((enterprise?.resourceNeeds ?? []).map((n) => [n.id, JSON.stringify(needBody(draftOfNeed(n)))])),
  )
  const [savedPermits, setSavedPermits] = useState(
    () =>
      new Map((enterprise?.permits ?? []).map((p) => [p.id, JSON.stringify(permitBody(draftOfPermit(p)))])),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>()
  const [saving, setSaving] = useState(false)

  // An edited field's old message goes: it was about the value that is no longer there.
  const clearErrors = (paths: string[]) =>
    setErrors((current) =>
      paths.some((path) => path in current)
        ? Object.fromEntries(Object.entries(current).filter(([path]) => !paths.includes(path)))
        : current,
    )
  const set = (change: Partial<EnterpriseDraft>) => {
    setDraft((current) => ({ ...current, ...change }))
    clearErrors(Object.keys(change).map(enterpriseFieldPath))
  }
  const location = pickedLocation(draft)

  async function save(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    const found = { ...validateDraft(draft, streams), ...validateNeedsAndPermits(needs, permits) }
    setErrors(found)
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
    let { id, version } = saved
    const body = enterpriseBody(draft)
    const bodyText = JSON.stringify(body)
    try {
      if (id === undefined) {
        const created = await api.createEnterprise(body)
        id = created.id
        version = created.version
      } else if (bodyText !== saved.body && version !== undefined) {
        version = (await api.updateEnterprise(id, { ...body, version })).version
      }
    } catch (error) {
      setErrors(fieldErrorsOf(error, placeEnterprisePath))
      setFailure(error)
      focusFirstInvalid()
      return
    }
    const enterpriseId = id
    setSaved((current) => ({ ...current, id: enterpriseId, version, body: bodyText }))

    const streamErrors: FieldErrors = {}
    let firstFailure: unknown
    const savedStreams = new Map(saved.streams)
    for (const stream of removed) {
      if (stream.id === undefined) continue
      try {
        await api.deleteWasteStream(enterpriseId, stream.id)
        savedStreams.delete(stream.id)
      } catch (error) {
        Object.assign(
          streamErrors,
          fieldErrorsOf(error, (path) => placeStreamPath(stream.key, path)),
        )
        firstFailure ??= error
      }
    }
    const next: StreamDraft[] = []
    for (const stream of streams) {
      const streamText = JSON.stringify(streamBody(stream))
      try {
        if (stream.id === undefined) {
          const created = await api.addWasteStream(enterpriseId, streamBody(stream))
          savedStreams.set(created.id, streamText)
          next.push({ ...stream, id: created.id, version: created.version })
        } else if (savedStreams.get(stream.id) !== streamText && stream.version !== undefined) {
          const changed = await api.updateWasteStream(enterpriseId, stream.id, {
            ...streamBody(stream),
            version: stream.version,
          })
          savedStreams.set(stream.id, streamText)
          next.push({ ...stream, version: changed.version })
        } else {
          next.push(stream)
        }
      } catch (error) {
        Object.assign(
          streamErrors,
          fieldErrorsOf(error, (path) => placeStreamPath(stream.key, path)),
        )
        firstFailure ??= error
        next.push(stream)
      }
    }
    setStreams(next)
    setRemoved([])
    setSaved((current) => ({ ...current, streams: savedStreams }))

    const needResult = await saveRows(needs, removedNeeds, savedNeeds, {
      body: needBody,
      create: (body) => api.addResourceNeed(enterpriseId, body),
      update: (needId, body) => api.updateResourceNeed(enterpriseId, needId, body),
      remove: (needId) => api.deleteResourceNeed(enterpriseId, needId),
      place: placeNeedPath,
    })
    setNeeds(needResult.rows)
    setRemovedNeeds([])
    setSavedNeeds(needResult.saved)
    const permitResult = await saveRows(permits, removedPermits, savedPermits, {
      body: permitBody,
      create: (body) => api.addPermit(enterpriseId, body),
      update: (permitId, body) => api.updatePermit(enterpriseId, permitId, body),
      remove: (permitId) => api.deletePermit(enterpriseId, permitId),
      place: placePermitPath,
    })
    setPermits(permitResult.rows)
    setRemovedPermits([])
    setSavedPermits(permitResult.saved)
    Object.assign(streamErrors, needResult.errors, permitResult.errors)
    firstFailure ??= needResult.failure ?? permitResult.failure

    if (firstFailure) {
      setErrors(streamErrors)
      setFailure(firstFailure)
      focusFirstInvalid()
      return
    }
    onSaved(enterpriseId)
  }

  const shown = new Set(Object.keys(errors))
  return (
    <form className="enterprise-form" onSubmit={save} noValidate aria-labelledby="enterprise-form-title">
      <div className="form-columns">
        <div className="form-fields">
          <h2 id="enterprise-form-title">{enterprise ? enterprise.name : t('enterpriseForm.newTitle')}</h2>
          <FormError error={failure} shown={shown} onReload={onReload} />
          {/* a locked fieldset disables every field in it and hides its row buttons (styles) */}
          <fieldset className="form-lock" disabled={readOnly}>
            <div className="field">
              <label htmlFor="enterprise-name">{t('enterpriseForm.name')}</label>
              <input
                id="enterprise-name"
                value={draft.name}
                onChange={(e) => set({ name: e.target.value })}
                required
                {...describedBy(errors, 'body.name')}
              />
              <FieldError errors={errors} path="body.name" />
            </div>
            <div className="field">
              <label htmlFor="enterprise-national-id">{t('enterpriseForm.nationalId')}</label>
              <input
                id="enterprise-national-id"
                value={draft.nationalId}
                onChange={(e) => set({ nationalId: e.target.value })}
                {...describedBy(errors, 'body.nationalId')}
              />
              <FieldError errors={errors} path="body.nationalId" />
            </div>
            <div className="field">
              <CodePicker
                label={t('enterpriseForm.nace')}
                name="naceCode"
                value={draft.nace}
                onChange={(nace) => set({ nace })}
                search={searchNaceClasses}
                inputProps={describedBy(errors, 'body.naceCode')}
              />
              <FieldError errors={errors} path="body.naceCode" />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor="enterprise-size">{t('enterpriseForm.sizeClass')}</label>
                <select
                  id="enterprise-size"
                  value={draft.sizeClass}
                  onChange={(e) => set({ sizeClass: e.target.value as EnterpriseDraft['sizeClass'] })}
                  {...describedBy(errors, 'body.sizeClass')}
                >
                  <option value="">{t('form.unknown')}</option>
                  {sizeClasses.map((size) => (
                    <option key={size} value={size}>
                      {t(`size.${size}`)}
                    </option>
                  ))}
                </select>
                <FieldError errors={errors} path="body.sizeClass" />
              </div>
              <div className="field">
                <label htmlFor="enterprise-employees">{t('enterpriseForm.employees')}</label>
                <input
                  id="enterprise-employees"
                  inputMode="numeric"
                  value={draft.employees}
                  onChange={(e) => set({ employees: e.target.value })}
                  {...describedBy(errors, 'body.employees')}
                />
                <FieldError errors={errors} path="body.employees" />
              </div>
            </div>
            <div className="field">
              <label htmlFor="enterprise-address">{t('enterpriseForm.address')}</label>
              <input
                id="enterprise-address"
                value={draft.address}
                onChange={(e) => set({ address: e.target.value })}
                {...describedBy(errors, 'body.address')}
              />
              <FieldError errors={errors} path="body.address" />
            </div>
            <fieldset className="location-fields">
              <legend>{t('enterpriseForm.location')}</legend>
              {!readOnly && <p className="muted hint">{t('enterpriseForm.locationHint')}</p>}
              <div className="field-row">
                <div className="field">
                  <label htmlFor="enterprise-longitude">{t('enterpriseForm.longitude')}</label>
                  <input
                    id="enterprise-longitude"
                    inputMode="decimal"
                    value={draft.longitude}
                    onChange={(e) => set({ longitude: e.target.value })}
                    {...describedBy(errors, 'body.location')}
                  />
                </div>
                <div className="field">
                  <label htmlFor="enterprise-latitude">{t('enterpriseForm.latitude')}</label>
                  <input
                    id="enterprise-latitude"
                    inputMode="decimal"
                    value={draft.latitude}
                    onChange={(e) => set({ latitude: e.target.value })}
                    {...describedBy(errors, 'body.location')}
                  />
                </div>
              </div>
              <FieldError errors={errors} path="body.location" />
              {enterprise?.outsideEveryRegion && <p className="muted">{t('enterprise.outside')}</p>}
              {enterprise?.regionName && (
                <p className="muted">{t('enterpriseForm.region', { name: enterprise.regionName })}</p>
              )}
            </fieldset>

            <h3>{t('enterpriseForm.streams')}</h3>
            {streams.length === 0 && <p className="muted">{t('enterpriseForm.noStreams')}</p>}
            <WasteStreamRows
              streams={streams}
              errors={errors}
              onChange={(key, change) => {
                setStreams((current) => current.map((s) => (s.key === key ? { ...s, ...change } : s)))
                clearErrors(
                  Object.keys(change).map((field) => streamPath(key, field === 'ewc' ? 'ewcCode' : field)),
                )
              }}
              onRemove={(key) => {
                const gone = streams.find((s) => s.key === key)
                if (gone?.id !== undefined) setRemoved((current) => [...current, gone])
                setStreams((current) => current.filter((s) => s.key !== key))
              }}
            />
            {!readOnly && (
              <button type="button" onClick={() => setStreams((current) => [...current, emptyStream()])}>
                {t('enterpriseForm.addStream')}
              </button>
            )}

            <h3>{t('enterpriseForm.needs')}</h3>
            {needs.length === 0 && <p className="muted">{t('enterpriseForm.noNeeds')}</p>}
            <ResourceNeedRows
              needs={needs}
              errors={errors}
              onChange={(key, change) => {
                setNeeds((current) => current.map((n) => (n.key === key ? { ...n, ...change } : n)))
                clearErrors(Object.keys(change).map((field) => needPath(key, needErrorField(field))))
              }}
              onRemove={(key) => {
                const gone = needs.find((n) => n.key === key)
                if (gone?.id !== undefined) setRemovedNeeds((current) => [...current, gone])
                setNeeds((current) => current.filter((n) => n.key !== key))
              }}
            />
            {!readOnly && (
              <button type="button" onClick={() => setNeeds((current) => [...current, emptyNeed()])}>
                {t('enterpriseForm.addNeed')}
              </button>
            )}

            <h3>{t('enterpriseForm.permits')}</h3>
            {permits.length === 0 && <p className="muted">{t('enterpriseForm.noPermits')}</p>}
            <fieldset className="form-lock" disabled={permitsReadOnly}>
              <PermitRows
                permits={permits}
                errors={errors}
                onChange={(key, change) => {
                  setPermits((current) => current.map((p) => (p.key === key ? { ...p, ...change } : p)))
                  clearErrors(Object.keys(change).map((field) => permitPath(key, permitErrorField(field))))
                }}
                onRemove={(key) => {
                  const gone = permits.find((p) => p.key === key)
                  if (gone?.id !== undefined) setRemovedPermits((current) => [...current, gone])
                  setPermits((current) => current.filter((p) => p.key !== key))
                }}
              />
              {!permitsReadOnly && (
                <button type="button" onClick={() => setPermits((current) => [...current, emptyPermit()])}>
                  {t('enterpriseForm.addPermit')}
                </button>
              )}
            </fieldset>
          </fieldset>

          <div className="form-actions">
            {!readOnly && (
              <button type="submit" className="primary" disabled={saving}>
                {saving ? t('form.saving') : t('form.save')}
              </button>
            )}
            <Link to={backTo}>{t(backTo === '/' ? 'enterprise.backToMap' : 'form.cancel')}</Link>
          </div>
        </div>
        <LocationPickerMap
          location={location}
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

/** The error path of a draft field: the coordinates share one, the NACE picker sends `naceCode`. */
function enterpriseFieldPath(field: string): string {
  if (field === 'longitude' || field === 'latitude') return 'body.location'
  return field === 'nace' ? 'body.naceCode' : `body.${field}`
}

/** Draft fields whose contract name differs, so editing one clears the message the contract gave. */
function needErrorField(field: string): string {
  return field === 'quantity' ? 'quantityTonnesPerYear' : field
}
function permitErrorField(field: string): string {
  return field === 'capacity' ? 'capacityTonnesPerYear' : field
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
