import { formatEwcCode } from '@contract/codes.js'
import type { Enterprise } from '@contract/enterprises.js'
import type { StreamDraft } from '@contract/stream-drafts.js'
import { useState } from 'react'
import { streamDraftsOf } from '../../api/stream-drafts.js'
import { useApi } from '../../api/use-api.js'
import { FieldError, type FieldErrors, fieldErrorsOf } from '../../components/field-error.js'
import { NumberField } from '../../components/fields.js'
import { formatNumber, t } from '../../i18n/index.js'

/**
 * Carry-forward drafts of an enterprise (issue 12): its latest survey year's streams copied into
 * the next year, each confirmed (as it is or with a new quantity) or discarded one by one. A
 * draft counts nowhere until it is confirmed; then it is a waste stream like any other, and the
 * screen reloads to show it among the streams (`onConfirmed`).
 */
export function StreamDrafts({
  enterprise,
  onConfirmed,
}: {
  enterprise: Enterprise
  onConfirmed: () => void
}) {
  const endpoints = streamDraftsOf(enterprise.id)
  const [loads, setLoads] = useState(0)
  const drafts = useApi(endpoints.list, `${enterprise.id}|${loads}`)
  const [status, setStatus] = useState<string>()
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const fromYear = yearToCarry(
    enterprise.wasteStreams.map((stream) => stream.surveyYear),
    drafts.status === 'ready' ? drafts.data.items.map((draft) => draft.surveyYear) : [],
  )

  async function carryForward(from: number) {
    setBusy(true)
    setFailure(undefined)
    try {
      const result = await endpoints.carryForward({ fromYear: from, toYear: from + 1 })
      setStatus(
        result.items.length > 0
          ? t('drafts.created', { count: result.items.length, year: result.toYear })
          : t('drafts.nothingNew', { year: result.toYear }),
      )
      setLoads((n) => n + 1)
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="stream-drafts" aria-labelledby="stream-drafts-title" data-testid="stream-drafts">
      <h3 id="stream-drafts-title">{t('drafts.title')}</h3>
      <p className="muted hint">{t('drafts.note')}</p>
      {fromYear !== undefined && (
        <button type="button" disabled={busy} onClick={() => carryForward(fromYear)}>
          {busy ? t('drafts.carrying') : t('drafts.carry', { from: fromYear, to: fromYear + 1 })}
        </button>
      )}
      {status && (
        <p className="saved-note" role="status">
          {status}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {drafts.status === 'failed' && (
        <p className="error" role="alert">
          {t('error.generic', { message: drafts.message })}
        </p>
      )}
      {drafts.status === 'ready' && drafts.data.items.length === 0 && (
        <p className="muted">{t('drafts.none')}</p>
      )}
      {drafts.status === 'ready' &&
        drafts.data.items.map((draft) => (
          <DraftRow
            key={draft.id}
            draft={draft}
            confirm={(changes) => endpoints.confirm(draft.id, changes)}
            discard={() => endpoints.discard(draft.id)}
            onConfirmed={onConfirmed}
            onDiscarded={() => {
              setStatus(t('drafts.discarded'))
              setLoads((n) => n + 1)
            }}
          />
        ))}
    </section>
  )
}

/**
 * The year the button offers to carry forward: the latest with streams; while drafts into a year
 * are pending, the latest before it, so confirming some of them does not move the offer on.
 */
function yearToCarry(streamYears: number[], draftYears: number[]): number | undefined {
  const pendingInto = draftYears.length > 0 ? Math.min(...draftYears) : Infinity
  const before = streamYears.filter((year) => year < pendingInto)
  const candidates = before.length > 0 ? before : streamYears
  return candidates.length > 0 ? Math.max(...candidates) : undefined
}

type DraftRowProps = {
  draft: StreamDraft
  confirm: (changes: { quantity?: number }) => Promise<unknown>
  discard: () => Promise<void>
  onConfirmed: () => void
  onDiscarded: () => void
}

/** One draft: the figures carried, an editable quantity, Confirm and Discard. */
function DraftRow({ draft, confirm, discard, onConfirmed, onDiscarded }: DraftRowProps) {
  const [quantity, setQuantity] = useState(String(draft.quantity))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function run(action: () => Promise<unknown>, done: () => void) {
    setBusy(true)
    setErrors({})
    setFailure(undefined)
    try {
      await action()
      done()
    } catch (error) {
      const found = fieldErrorsOf(error)
      setErrors(found)
      if (!found['body.quantity']) setFailure(error instanceof Error ? error.message : String(error))
      setBusy(false)
    }
  }

  function confirmDraft() {
    const typed = quantity.trim() === '' ? Number.NaN : Number(quantity.replace(',', '.'))
    if (!Number.isFinite(typed)) {
      setErrors({ 'body.quantity': [t('drafts.notANumber')] })
      return
    }
    return run(() => confirm(typed === draft.quantity ? {} : { quantity: typed }), onConfirmed)
  }

  const route = draft.routeCode ? ` · ${t('drafts.route', { route: draft.routeCode })}` : ''
  return (
    <fieldset className="stream-row" data-testid="stream-draft">
      <legend>
        {t('drafts.legend', {
          code: formatEwcCode(draft.ewcCode),
          description: draft.description ?? t('drafts.noDescription'),
          year: draft.surveyYear,
        })}
        {draft.hazardous && <span className="badge hazardous">{t('catalog.hazardous')}</span>}
      </legend>
      <p className="stream-total">
        {t('drafts.carriedFigures', {
          quantity: formatNumber(draft.quantity),
          unit: t(`unit.${draft.unit}`),
          period: t(`period.${draft.period}`),
          tonnes: formatNumber(draft.quantityTonnesPerYear),
        })}
        {route}
      </p>
      <NumberField
        label={t('drafts.quantity', { year: draft.surveyYear })}
        value={quantity}
        onChange={setQuantity}
        errors={errors}
        path="body.quantity"
      />
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={confirmDraft}>
          {busy ? t('drafts.confirming') : t('drafts.confirm')}
        </button>
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => run(discard, onDiscarded)}
        >
          {t('drafts.discard')}
        </button>
      </div>
      <FieldError errors={errors} path="body" />
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </fieldset>
  )
}
