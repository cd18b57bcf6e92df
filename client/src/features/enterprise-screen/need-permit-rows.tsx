import {
  CheckboxField,
  CodePickerField,
  errorsAt,
  NumberField,
  SelectField,
  TextField,
} from '../../components/fields.js'
import { t } from '../../i18n/index.js'
import type { NeedDraft, PermitDraft } from './needs-permits-draft.js'
import { rowPath } from './row-drafts.js'
import { RowFieldset, type RowsProps } from './row-fieldset.js'
import { RouteCodeOptions, searchEwc } from './waste-stream-rows.js'

const searchEwcAnyLevel = searchEwc()

/** The enterprise's resource needs: what it could take in, one fieldset each. */
export function ResourceNeedRows({ rows, errors, onChange: change, onRemove }: RowsProps<NeedDraft>) {
  return rows.map((need, index) => {
    const onChange = (fields: Partial<NeedDraft>) => change(need.key, fields)
    const number = index + 1
    const at = errorsAt(errors, (field) => rowPath('needs', need.key, field))
    return (
      <RowFieldset
        key={need.key}
        testId="need-row"
        legend={t('need.legend', { number })}
        errors={errors}
        rowPath={at('row').path}
        removeLabel={t('need.remove', { number })}
        onRemove={() => onRemove(need.key)}
      >
        <CodePickerField
          // remounted after each pick so the box is empty for the next code
          key={need.ewcCodes.length}
          className="wide"
          label={t('need.ewc')}
          name="needEwcCode"
          value={null}
          onChange={(option) => {
            if (!option || need.ewcCodes.some((c) => c.code === option.code)) return
            onChange({ ewcCodes: [...need.ewcCodes, option] })
          }}
          search={searchEwcAnyLevel}
          {...at('ewcCodes')}
        >
          <ul className="chips" aria-label={t('need.ewcChosen')}>
            {need.ewcCodes.map((option) => (
              <li key={option.code} className="chip">
                <span title={option.description}>{option.display}</span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('need.removeEwc', { code: option.display })}
                  onClick={() => onChange({ ewcCodes: need.ewcCodes.filter((c) => c.code !== option.code) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </CodePickerField>
        <TextField
          label={t('need.materialCategory')}
          value={need.materialCategory}
          onChange={(materialCategory) => onChange({ materialCategory })}
          {...at('materialCategory')}
        />
        <NumberField
          label={t('need.quantity')}
          value={need.quantity}
          onChange={(quantity) => onChange({ quantity })}
          {...at('quantityTonnesPerYear')}
        />
        <NumberField
          label={t('need.maxDistance')}
          value={need.maxDistanceKm}
          onChange={(maxDistanceKm) => onChange({ maxDistanceKm })}
          {...at('maxDistanceKm')}
        />
      </RowFieldset>
    )
  })
}

/** The enterprise's treatment permits: what it may lawfully take and how. */
export function PermitRows({ rows, errors, onChange: change, onRemove }: RowsProps<PermitDraft>) {
  return rows.map((permit, index) => {
    const onChange = (fields: Partial<PermitDraft>) => change(permit.key, fields)
    const number = index + 1
    const at = errorsAt(errors, (field) => rowPath('permits', permit.key, field))
    return (
      <RowFieldset
        key={permit.key}
        testId="permit-row"
        legend={t('permit.legend', { number })}
        errors={errors}
        rowPath={at('row').path}
        removeLabel={t('permit.remove', { number })}
        onRemove={() => onRemove(permit.key)}
      >
        <TextField
          label={t('permit.number')}
          value={permit.permitNumber}
          onChange={(permitNumber) => onChange({ permitNumber })}
          {...at('permitNumber')}
        />
        <SelectField
          label={t('permit.operation')}
          value={permit.operation}
          empty={t('form.choose')}
          onChange={(operation) => onChange({ operation })}
          {...at('operation')}
        >
          <RouteCodeOptions />
        </SelectField>
        <TextField
          className="wide"
          label={t('permit.acceptedEwc')}
          value={permit.acceptedEwc}
          placeholder="10 01, 12 01 01"
          onChange={(acceptedEwc) => onChange({ acceptedEwc })}
          {...at('acceptedEwc')}
        />
        <NumberField
          label={t('permit.capacity')}
          value={permit.capacity}
          onChange={(capacity) => onChange({ capacity })}
          {...at('capacityTonnesPerYear')}
        />
        <TextField
          type="date"
          label={t('permit.validFrom')}
          value={permit.validFrom}
          onChange={(validFrom) => onChange({ validFrom })}
          {...at('validFrom')}
        />
        <TextField
          type="date"
          label={t('permit.validTo')}
          value={permit.validTo}
          onChange={(validTo) => onChange({ validTo })}
          {...at('validTo')}
        />
        <CheckboxField
          label={t('permit.hazardousAllowed')}
          checked={permit.hazardousAllowed}
          onChange={(hazardousAllowed) => onChange({ hazardousAllowed })}
          {...at('hazardousAllowed')}
        />
      </RowFieldset>
    )
  })
}
