import { formatEwcCode } from '@contract/codes.js'
import { quantityBases, quantityPeriods, quantityUnits, tonnesPerYear } from '@contract/waste-streams.js'
import { Link } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import type { CodeOption } from '../../components/code-picker.js'
import { FieldError, type FieldErrors } from '../../components/field-error.js'
import { CodePickerField, errorsAt, NumberField, SelectField, TextField } from '../../components/fields.js'
import { formatNumber, t } from '../../i18n/index.js'
import { type StreamDraft, streamBody } from './enterprise-draft.js'
import { rowPath } from './row-drafts.js'
import { RowFieldset, type RowsProps } from './row-fieldset.js'

const codes = (letter: 'R' | 'D', count: number) =>
  Array.from({ length: count }, (_, i) => `${letter}${i + 1}`).map((code) => (
    <option key={code} value={code}>
      {code}
    </option>
  ))

/** R1–R13 recovery, D1–D15 disposal (Directive 2008/98/EC, Annexes I and II), grouped so. */
export function RouteCodeOptions() {
  return (
    <>
      <optgroup label={t('stream.recovery')}>{codes('R', 13)}</optgroup>
      <optgroup label={t('stream.disposal')}>{codes('D', 15)}</optgroup>
    </>
  )
}

/**
 * EWC codes for a picker: `entry` for the six-digit codes a waste carries (chapters and
 * sub-chapters are headings); any level for a need, which may take a whole chapter (10) or
 * sub-chapter (10 01).
 */
export const searchEwc =
  (level?: 'entry') =>
  async (query: string): Promise<CodeOption[]> => {
    const page = await api.searchEwc({ q: query, level, limit: 20 })
    return page.items.map((entry) => ({
      code: entry.code,
      display: entry.display,
      description: entry.description,
      hazardous: entry.hazardous,
    }))
  }
const searchEwcEntries = searchEwc('entry')

/** The enterprise's waste streams, one fieldset per stream, every control labelled. */
export function WasteStreamRows({ rows, errors, onChange, onRemove }: RowsProps<StreamDraft>) {
  return rows.map((stream, index) => (
    <WasteStreamRow
      key={stream.key}
      number={index + 1}
      stream={stream}
      errors={errors}
      onChange={(change) => onChange(stream.key, change)}
      onRemove={() => onRemove(stream.key)}
    />
  ))
}

type RowProps = {
  number: number
  stream: StreamDraft
  errors: FieldErrors
  onChange: (change: Partial<StreamDraft>) => void
  onRemove: () => void
}

function WasteStreamRow({ number, stream, errors, onChange, onRemove }: RowProps) {
  const at = errorsAt(errors, (field) => rowPath('streams', stream.key, field))
  const isVolume = stream.unit === 'm3' || stream.unit === 'l'
  const body = streamBody(stream)
  const perYear =
    typeof body.quantity === 'number'
      ? tonnesPerYear({
          quantity: body.quantity,
          unit: stream.unit,
          period: stream.period,
          densityTPerM3: typeof body.densityTPerM3 === 'number' ? body.densityTPerM3 : null,
          batchesPerYear: typeof body.batchesPerYear === 'number' ? body.batchesPerYear : null,
        })
      : undefined

  return (
    <RowFieldset
      testId="stream-row"
      legend={
        <>
          {t('stream.legend', { number })}
          {stream.ewc && ` · ${stream.ewc.display ?? formatEwcCode(stream.ewc.code)}`}
        </>
      }
      errors={errors}
      rowPath={at('row').path}
      removeLabel={t('stream.remove', { number })}
      onRemove={onRemove}
      links={
        stream.id !== undefined && (
          <Link className="link-button" to={`/streams/${stream.id}/matches`}>
            {t('matching.findBuyers')}
          </Link>
        )
      }
    >
      <CodePickerField
        className="wide"
        label={t('stream.ewc')}
        name="ewcCode"
        value={stream.ewc}
        onChange={(ewc) => onChange({ ewc })}
        search={searchEwcEntries}
        {...at('ewcCode')}
      >
        {stream.ewc?.hazardous && <span className="badge hazardous">{t('catalog.hazardous')}</span>}
        <FieldError {...at('hazardous')} />
      </CodePickerField>
      <TextField
        className="wide"
        label={t('stream.description')}
        value={stream.description}
        onChange={(description) => onChange({ description })}
        {...at('description')}
      />
      <NumberField
        label={t('stream.quantity')}
        value={stream.quantity}
        onChange={(quantity) => onChange({ quantity })}
        {...at('quantity')}
      />
      <SelectField
        label={t('stream.unit')}
        value={stream.unit}
        options={quantityUnits}
        optionLabel={(unit) => t(`unit.${unit}`)}
        onChange={(unit) => onChange({ unit })}
        {...at('unit')}
      />
      <SelectField
        label={t('stream.period')}
        value={stream.period}
        options={quantityPeriods}
        optionLabel={(period) => t(`period.${period}`)}
        onChange={(period) => onChange({ period })}
        {...at('period')}
      />
      {isVolume && (
        <NumberField
          label={t('stream.density')}
          value={stream.densityTPerM3}
          onChange={(densityTPerM3) => onChange({ densityTPerM3 })}
          {...at('densityTPerM3')}
        />
      )}
      {stream.period === 'batch' && (
        <NumberField
          label={t('stream.batchesPerYear')}
          value={stream.batchesPerYear}
          onChange={(batchesPerYear) => onChange({ batchesPerYear })}
          {...at('batchesPerYear')}
        />
      )}
      <SelectField
        label={t('stream.basis')}
        value={stream.basis}
        empty={t('form.choose')}
        options={quantityBases}
        optionLabel={(basis) => t(`basis.${basis}`)}
        onChange={(basis) => onChange({ basis })}
        {...at('basis')}
      />
      <SelectField
        label={t('stream.route')}
        value={stream.routeCode}
        empty={t('stream.routeUnknown')}
        onChange={(routeCode) => onChange({ routeCode })}
        {...at('routeCode')}
      >
        <RouteCodeOptions />
      </SelectField>
      <NumberField
        inputMode="numeric"
        label={t('stream.surveyYear')}
        value={stream.surveyYear}
        onChange={(surveyYear) => onChange({ surveyYear })}
        {...at('surveyYear')}
      />
      <p className="stream-total muted" aria-live="polite">
        {perYear === undefined ? '' : t('stream.perYear', { value: formatNumber(perYear) })}
      </p>
    </RowFieldset>
  )
}
