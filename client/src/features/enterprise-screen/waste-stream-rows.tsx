import { formatEwcCode } from '@contract/codes.js'
import { quantityBases, quantityPeriods, quantityUnits, tonnesPerYear } from '@contract/waste-streams.js'
import { Link } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { type CodeOption, CodePicker } from '../../components/code-picker.js'
import { describedBy, FieldError, type FieldErrors } from '../../components/field-error.js'
import { formatNumber, t } from '../../i18n/index.js'
import { type StreamDraft, streamBody, streamPath } from './enterprise-draft.js'

/** R1–R13 recovery, D1–D15 disposal (Directive 2008/98/EC, Annexes I and II). */
export const ROUTE_CODES = [
  ...Array.from({ length: 13 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `D${i + 1}`),
]

/** EWC entries (six digits) only: chapters and sub-chapters are headings, not codes a waste carries. */
export async function searchEwcEntries(query: string): Promise<CodeOption[]> {
  const page = await api.searchEwc({ q: query, level: 'entry', limit: 20 })
  return page.items.map((entry) => ({
    code: entry.code,
    display: entry.display,
    description: entry.description,
    hazardous: entry.hazardous,
  }))
}

type RowsProps = {
  streams: StreamDraft[]
  errors: FieldErrors
  onChange: (key: string, change: Partial<StreamDraft>) => void
  onRemove: (key: string) => void
}

/** The enterprise's waste streams, one fieldset per stream, every control labelled. */
export function WasteStreamRows({ streams, errors, onChange, onRemove }: RowsProps) {
  return (
    <>
      {streams.map((stream, index) => (
        <WasteStreamRow
          key={stream.key}
          number={index + 1}
          stream={stream}
          errors={errors}
          onChange={(change) => onChange(stream.key, change)}
          onRemove={() => onRemove(stream.key)}
        />
      ))}
    </>
  )
}

type RowProps = {
  number: number
  stream: StreamDraft
  errors: FieldErrors
  onChange: (change: Partial<StreamDraft>) => void
  onRemove: () => void
}

function WasteStreamRow({ number, stream, errors, onChange, onRemove }: RowProps) {
  const path = (field: string) => streamPath(stream.key, field)
  const id = (field: string) => `stream-${stream.key}-${field}`
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
    <fieldset className="stream-row" data-testid="stream-row">
      <legend>
        {t('stream.legend', { number })}
        {stream.ewc && ` · ${stream.ewc.display ?? formatEwcCode(stream.ewc.code)}`}
      </legend>
      <div className="field wide">
        <CodePicker
          label={t('stream.ewc')}
          name="ewcCode"
          value={stream.ewc}
          onChange={(ewc) => onChange({ ewc })}
          search={searchEwcEntries}
          inputProps={describedBy(errors, path('ewcCode'))}
        />
        {stream.ewc?.hazardous && <span className="badge hazardous">{t('catalog.hazardous')}</span>}
        <FieldError errors={errors} path={path('ewcCode')} />
        <FieldError errors={errors} path={path('hazardous')} />
      </div>
      <div className="field wide">
        <label htmlFor={id('description')}>{t('stream.description')}</label>
        <input
          id={id('description')}
          value={stream.description}
          onChange={(e) => onChange({ description: e.target.value })}
          {...describedBy(errors, path('description'))}
        />
        <FieldError errors={errors} path={path('description')} />
      </div>
      <div className="field">
        <label htmlFor={id('quantity')}>{t('stream.quantity')}</label>
        <input
          id={id('quantity')}
          inputMode="decimal"
          value={stream.quantity}
          onChange={(e) => onChange({ quantity: e.target.value })}
          {...describedBy(errors, path('quantity'))}
        />
        <FieldError errors={errors} path={path('quantity')} />
      </div>
      <div className="field">
        <label htmlFor={id('unit')}>{t('stream.unit')}</label>
        <select
          id={id('unit')}
          value={stream.unit}
          onChange={(e) => onChange({ unit: e.target.value as StreamDraft['unit'] })}
          {...describedBy(errors, path('unit'))}
        >
          {quantityUnits.map((unit) => (
            <option key={unit} value={unit}>
              {t(`unit.${unit}`)}
            </option>
          ))}
        </select>
        <FieldError errors={errors} path={path('unit')} />
      </div>
      <div className="field">
        <label htmlFor={id('period')}>{t('stream.period')}</label>
        <select
          id={id('period')}
          value={stream.period}
          onChange={(e) => onChange({ period: e.target.value as StreamDraft['period'] })}
          {...describedBy(errors, path('period'))}
        >
          {quantityPeriods.map((period) => (
            <option key={period} value={period}>
              {t(`period.${period}`)}
            </option>
          ))}
        </select>
        <FieldError errors={errors} path={path('period')} />
      </div>
      {isVolume && (
        <div className="field">
          <label htmlFor={id('density')}>{t('stream.density')}</label>
          <input
            id={id('density')}
            inputMode="decimal"
            value={stream.densityTPerM3}
            onChange={(e) => onChange({ densityTPerM3: e.target.value })}
            {...describedBy(errors, path('densityTPerM3'))}
          />
          <FieldError errors={errors} path={path('densityTPerM3')} />
        </div>
      )}
      {stream.period === 'batch' && (
        <div className="field">
          <label htmlFor={id('batches')}>{t('stream.batchesPerYear')}</label>
          <input
            id={id('batches')}
            inputMode="decimal"
            value={stream.batchesPerYear}
            onChange={(e) => onChange({ batchesPerYear: e.target.value })}
            {...describedBy(errors, path('batchesPerYear'))}
          />
          <FieldError errors={errors} path={path('batchesPerYear')} />
        </div>
      )}
      <div className="field">
        <label htmlFor={id('basis')}>{t('stream.basis')}</label>
        <select
          id={id('basis')}
          value={stream.basis}
          onChange={(e) => onChange({ basis: e.target.value as StreamDraft['basis'] })}
          {...describedBy(errors, path('basis'))}
        >
          <option value="">{t('form.choose')}</option>
          {quantityBases.map((basis) => (
            <option key={basis} value={basis}>
              {t(`basis.${basis}`)}
            </option>
          ))}
        </select>
        <FieldError errors={errors} path={path('basis')} />
      </div>
      <div className="field">
        <label htmlFor={id('route')}>{t('stream.route')}</label>
        <select
          id={id('route')}
          value={stream.routeCode}
          onChange={(e) => onChange({ routeCode: e.target.value })}
          {...describedBy(errors, path('routeCode'))}
        >
          <option value="">{t('stream.routeUnknown')}</option>
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
        <FieldError errors={errors} path={path('routeCode')} />
      </div>
      <div className="field">
        <label htmlFor={id('year')}>{t('stream.surveyYear')}</label>
        <input
          id={id('year')}
          inputMode="numeric"
          value={stream.surveyYear}
          onChange={(e) => onChange({ surveyYear: e.target.value })}
          {...describedBy(errors, path('surveyYear'))}
        />
        <FieldError errors={errors} path={path('surveyYear')} />
      </div>
      <p className="stream-total muted" aria-live="polite">
        {perYear === undefined ? '' : t('stream.perYear', { value: formatNumber(perYear) })}
      </p>
      <FieldError errors={errors} path={path('row')} />
      {stream.id !== undefined && (
        <Link className="link-button" to={`/streams/${stream.id}/matches`}>
          {t('matching.findBuyers')}
        </Link>
      )}
      <button type="button" className="link-button" onClick={onRemove}>
        {t('stream.remove', { number })}
      </button>
    </fieldset>
  )
}
