import type { CodeOption } from '../../components/code-picker.js'
import { CodePicker } from '../../components/code-picker.js'
import { describedBy, FieldError, type FieldErrors } from '../../components/field-error.js'
import { api } from '../../api/endpoints.js'
import { t } from '../../i18n/index.js'
import { type NeedDraft, type PermitDraft, needPath, permitPath } from './needs-permits-draft.js'
import { ROUTE_CODES } from './waste-stream-rows.js'

/** Entries, sub-chapters and chapters alike: a need may take a whole chapter (10) or sub-chapter (10 01). */
async function searchEwcAnyLevel(query: string): Promise<CodeOption[]> {
  const page = await api.searchEwc({ q: query, limit: 20 })
  return page.items.map((entry) => ({
    code: entry.code,
    display: entry.display,
    description: entry.description,
    hazardous: entry.hazardous,
  }))
}

type NeedRowsProps = {
  needs: NeedDraft[]
  errors: FieldErrors
  onChange: (key: string, change: Partial<NeedDraft>) => void
  onRemove: (key: string) => void
}

/** The enterprise's resource needs: what it could take in, one fieldset each. */
export function ResourceNeedRows({ needs, errors, onChange: change, onRemove }: NeedRowsProps) {
  return (
    <>
      {needs.map((need, index) => {
        const onChange = (fields: Partial<NeedDraft>) => change(need.key, fields)
        const number = index + 1
        const path = (field: string) => needPath(need.key, field)
        const id = (field: string) => `need-${need.key}-${field}`
        return (
          <fieldset key={need.key} className="stream-row" data-testid="need-row">
            <legend>{t('need.legend', { number })}</legend>
            <div className="field wide">
              {/* Remounted after each pick so the box is empty for the next code. */}
              <CodePicker
                key={need.ewcCodes.length}
                label={t('need.ewc')}
                name="needEwcCode"
                value={null}
                onChange={(option) => {
                  if (!option || need.ewcCodes.some((c) => c.code === option.code)) return
                  onChange({ ewcCodes: [...need.ewcCodes, option] })
                }}
                search={searchEwcAnyLevel}
                inputProps={describedBy(errors, path('ewcCodes'))}
              />
              <ul className="chips" aria-label={t('need.ewcChosen')}>
                {need.ewcCodes.map((option) => (
                  <li key={option.code} className="chip">
                    <span title={option.description}>{option.display}</span>
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={t('need.removeEwc', { code: option.display })}
                      onClick={() =>
                        onChange({ ewcCodes: need.ewcCodes.filter((c) => c.code !== option.code) })
                      }
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
              <FieldError errors={errors} path={path('ewcCodes')} />
            </div>
            <div className="field">
              <label htmlFor={id('category')}>{t('need.materialCategory')}</label>
              <input
                id={id('category')}
                value={need.materialCategory}
                onChange={(e) => onChange({ materialCategory: e.target.value })}
                {...describedBy(errors, path('materialCategory'))}
              />
              <FieldError errors={errors} path={path('materialCategory')} />
            </div>
            <div className="field">
              <label htmlFor={id('quantity')}>{t('need.quantity')}</label>
              <input
                id={id('quantity')}
                inputMode="decimal"
                value={need.quantity}
                onChange={(e) => onChange({ quantity: e.target.value })}
                {...describedBy(errors, path('quantityTonnesPerYear'))}
              />
              <FieldError errors={errors} path={path('quantityTonnesPerYear')} />
            </div>
            <div className="field">
              <label htmlFor={id('distance')}>{t('need.maxDistance')}</label>
              <input
                id={id('distance')}
                inputMode="decimal"
                value={need.maxDistanceKm}
                onChange={(e) => onChange({ maxDistanceKm: e.target.value })}
                {...describedBy(errors, path('maxDistanceKm'))}
              />
              <FieldError errors={errors} path={path('maxDistanceKm')} />
            </div>
            <FieldError errors={errors} path={path('row')} />
            <button type="button" className="link-button" onClick={() => onRemove(need.key)}>
              {t('need.remove', { number })}
            </button>
          </fieldset>
        )
      })}
    </>
  )
}

type PermitRowsProps = {
  permits: PermitDraft[]
  errors: FieldErrors
  onChange: (key: string, change: Partial<PermitDraft>) => void
  onRemove: (key: string) => void
}

/** The enterprise's treatment permits: what it may lawfully take and how. */
export function PermitRows({ permits, errors, onChange: change, onRemove }: PermitRowsProps) {
  return (
    <>
      {permits.map((permit, index) => {
        const onChange = (fields: Partial<PermitDraft>) => change(permit.key, fields)
        const number = index + 1
        const path = (field: string) => permitPath(permit.key, field)
        const id = (field: string) => `permit-${permit.key}-${field}`
        return (
          <fieldset key={permit.key} className="stream-row" data-testid="permit-row">
            <legend>{t('permit.legend', { number })}</legend>
            <div className="field">
              <label htmlFor={id('number')}>{t('permit.number')}</label>
              <input
                id={id('number')}
                value={permit.permitNumber}
                onChange={(e) => onChange({ permitNumber: e.target.value })}
                {...describedBy(errors, path('permitNumber'))}
              />
              <FieldError errors={errors} path={path('permitNumber')} />
            </div>
            <div className="field">
              <label htmlFor={id('operation')}>{t('permit.operation')}</label>
              <select
                id={id('operation')}
                value={permit.operation}
                onChange={(e) => onChange({ operation: e.target.value })}
                {...describedBy(errors, path('operation'))}
              >
                <option value="">{t('form.choose')}</option>
                <optgroup label={t('stream.recovery')}>
                  {ROUTE_CODES.filter((code) => code.startsWith('R')).map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('stream.disposal')}>
                  {ROUTE_CODES.filter((code) => code.startsWith('D')).map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </optgroup>
              </select>
              <FieldError errors={errors} path={path('operation')} />
            </div>
            <div className="field wide">
              <label htmlFor={id('accepted')}>{t('permit.acceptedEwc')}</label>
              <input
                id={id('accepted')}
                value={permit.acceptedEwc}
                placeholder="10 01, 12 01 01"
                onChange={(e) => onChange({ acceptedEwc: e.target.value })}
                {...describedBy(errors, path('acceptedEwc'))}
              />
              <FieldError errors={errors} path={path('acceptedEwc')} />
            </div>
            <div className="field">
              <label htmlFor={id('capacity')}>{t('permit.capacity')}</label>
              <input
                id={id('capacity')}
                inputMode="decimal"
                value={permit.capacity}
                onChange={(e) => onChange({ capacity: e.target.value })}
                {...describedBy(errors, path('capacityTonnesPerYear'))}
              />
              <FieldError errors={errors} path={path('capacityTonnesPerYear')} />
            </div>
            <div className="field">
              <label htmlFor={id('from')}>{t('permit.validFrom')}</label>
              <input
                id={id('from')}
                type="date"
                value={permit.validFrom}
                onChange={(e) => onChange({ validFrom: e.target.value })}
                {...describedBy(errors, path('validFrom'))}
              />
              <FieldError errors={errors} path={path('validFrom')} />
            </div>
            <div className="field">
              <label htmlFor={id('to')}>{t('permit.validTo')}</label>
              <input
                id={id('to')}
                type="date"
                value={permit.validTo}
                onChange={(e) => onChange({ validTo: e.target.value })}
                {...describedBy(errors, path('validTo'))}
              />
              <FieldError errors={errors} path={path('validTo')} />
            </div>
            <div className="field checkbox-field">
              <label>
                <input
                  type="checkbox"
                  checked={permit.hazardousAllowed}
                  onChange={(e) => onChange({ hazardousAllowed: e.target.checked })}
                />{' '}
                {t('permit.hazardousAllowed')}
              </label>
              <FieldError errors={errors} path={path('hazardousAllowed')} />
            </div>
            <FieldError errors={errors} path={path('row')} />
            <button type="button" className="link-button" onClick={() => onRemove(permit.key)}>
              {t('permit.remove', { number })}
            </button>
          </fieldset>
        )
      })}
    </>
  )
}
