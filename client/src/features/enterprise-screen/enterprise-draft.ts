import { formatEwcCode } from '@contract/codes.js'
import { type Enterprise, enterpriseInputSchema, type sizeClasses } from '@contract/enterprises.js'
import {
  type quantityBases,
  type quantityPeriods,
  type quantityUnits,
  type WasteStream,
  wasteStreamInputSchema,
} from '@contract/waste-streams.js'
import type { z } from 'zod'
import type { CodeOption } from '../../components/code-picker.js'
import { type FieldErrors, fieldErrorsOfIssues } from '../../components/field-error.js'
import { t } from '../../i18n/index.js'
import {
  draftOfNeed,
  draftOfPermit,
  emptyNeed,
  emptyPermit,
  type NeedDraft,
  needBody,
  type PermitDraft,
  permitBody,
  validateNeedsAndPermits,
} from './needs-permits-draft.js'
import {
  addRow,
  editRow,
  figure,
  newRowKey,
  numberText,
  placeRowPath,
  type RowDraft,
  type RowKind,
  type RowSet,
  removeRow,
  rowIssues,
  rowPath,
  rowSetOf,
} from './row-drafts.js'

/** What the form holds: text as typed, so a half-typed number is kept and reported, not lost. */
export type EnterpriseDraft = {
  name: string
  nationalId: string
  nace: CodeOption | null
  sizeClass: '' | (typeof sizeClasses)[number]
  employees: string
  address: string
  longitude: string
  latitude: string
}

export type StreamDraft = RowDraft & {
  ewc: CodeOption | null
  description: string
  quantity: string
  unit: (typeof quantityUnits)[number]
  period: (typeof quantityPeriods)[number]
  densityTPerM3: string
  batchesPerYear: string
  basis: '' | (typeof quantityBases)[number]
  routeCode: string
  surveyYear: string
  /**
   * The stored fields this form does not edit (by-product offer, receiver, costs, stream key…):
   * sent back as they are, since a PUT replaces the stream and would otherwise clear them.
   */
  kept: KeptStreamFields
}

/** What a stream's PUT carries that the form has no field for. */
type KeptStreamFields = Omit<
  StreamInputBody,
  | 'ewcCode'
  | 'description'
  | 'quantity'
  | 'unit'
  | 'period'
  | 'densityTPerM3'
  | 'batchesPerYear'
  | 'basis'
  | 'routeCode'
  | 'surveyYear'
  | 'hazardous'
>

type EnterpriseInputBody = z.input<typeof enterpriseInputSchema>
type StreamInputBody = z.input<typeof wasteStreamInputSchema>

export function emptyEnterprise(): EnterpriseDraft {
  return {
    name: '',
    nationalId: '',
    nace: null,
    sizeClass: '',
    employees: '',
    address: '',
    longitude: '',
    latitude: '',
  }
}

export function emptyStream(): StreamDraft {
  return {
    key: newRowKey('stream'),
    ewc: null,
    description: '',
    quantity: '',
    unit: 't',
    period: 'year',
    densityTPerM3: '',
    batchesPerYear: '',
    basis: '',
    routeCode: '',
    // Surveys ask about the last complete year.
    surveyYear: String(new Date().getFullYear() - 1),
    kept: {},
  }
}

const text = (value: string | null | undefined) => value ?? ''

export function draftOfEnterprise(enterprise: Enterprise): EnterpriseDraft {
  return {
    name: enterprise.name,
    nationalId: text(enterprise.nationalId),
    nace: { code: enterprise.naceCode, display: enterprise.naceCode, description: enterprise.naceTitle },
    sizeClass: enterprise.sizeClass ?? '',
    employees: numberText(enterprise.employees),
    address: text(enterprise.address),
    longitude: String(enterprise.location.coordinates[0]),
    latitude: String(enterprise.location.coordinates[1]),
  }
}

export function draftOfStream(stream: WasteStream): StreamDraft {
  return {
    key: `saved-${stream.id}`,
    id: stream.id,
    version: stream.version,
    ewc: {
      code: stream.ewcCode,
      display: `${formatEwcCode(stream.ewcCode)}${stream.hazardous ? '*' : ''}`,
      description: stream.ewcDescription,
      hazardous: stream.hazardous,
    },
    description: text(stream.description),
    quantity: String(stream.quantity),
    unit: stream.unit,
    period: stream.period,
    densityTPerM3: numberText(stream.densityTPerM3),
    batchesPerYear: numberText(stream.batchesPerYear),
    basis: stream.basis,
    routeCode: text(stream.routeCode),
    surveyYear: String(stream.surveyYear),
    kept: {
      streamRef: stream.streamRef,
      physicalState: stream.physicalState,
      frequency: stream.frequency,
      routeSite: stream.routeSite,
      receiverName: stream.receiverName,
      receiverEnterpriseId: stream.receiverEnterpriseId,
      costPerYear: stream.costPerYear,
      costCurrency: stream.costCurrency,
      offeredAsByproduct: stream.offeredAsByproduct,
    },
  }
}

export function enterpriseBody(draft: EnterpriseDraft): EnterpriseInputBody {
  return {
    name: draft.name,
    nationalId: draft.nationalId,
    naceCode: draft.nace?.code ?? '',
    sizeClass: draft.sizeClass === '' ? null : draft.sizeClass,
    employees: figure(draft.employees),
    address: draft.address,
    location: {
      type: 'Point',
      coordinates: [figure(draft.longitude) ?? Number.NaN, figure(draft.latitude) ?? Number.NaN],
    },
  }
}

export function streamBody(draft: StreamDraft): StreamInputBody {
  const isVolume = draft.unit === 'm3' || draft.unit === 'l'
  return {
    ...draft.kept,
    ewcCode: draft.ewc?.code ?? '',
    description: draft.description,
    quantity: figure(draft.quantity) as number,
    unit: draft.unit,
    period: draft.period,
    // Only the figures the unit and period call for, so a density left over from m3 never travels with t.
    densityTPerM3: isVolume ? figure(draft.densityTPerM3) : null,
    batchesPerYear: draft.period === 'batch' ? figure(draft.batchesPerYear) : null,
    basis: (draft.basis === '' ? undefined : draft.basis) as StreamInputBody['basis'],
    routeCode: draft.routeCode === '' ? null : draft.routeCode,
    surveyYear: figure(draft.surveyYear) as number,
  }
}

/**
 * Server paths as the form places them: every `body.location.*` beside the coordinates, a
 * stream's `body.<field>.*` beside that field of its row.
 */
export function placeEnterprisePath(path: string): string {
  return path.startsWith('body.location') ? 'body.location' : path.split('.').slice(0, 2).join('.')
}
export const placeStreamPath = (key: string, path: string) => placeRowPath('streams', key, path)

/**
 * Checks the form with the same contract the server applies, before anything is sent, so a
 * half-valid form never leaves an enterprise saved without its streams.
 */
export function validateDraft(enterprise: EnterpriseDraft, streams: readonly StreamDraft[]): FieldErrors {
  const parsed = enterpriseInputSchema.safeParse(enterpriseBody(enterprise))
  const errors = fieldErrorsOfIssues(parsed.error?.issues ?? [], placeEnterprisePath)
  if (!enterprise.nace) errors['body.naceCode'] = [t('enterpriseForm.pickNace')]
  if (enterprise.longitude.trim() === '' || enterprise.latitude.trim() === '') {
    errors['body.location'] = [t('enterpriseForm.pickLocation')]
  }
  Object.assign(errors, rowIssues('streams', streams, wasteStreamInputSchema, streamBody))
  for (const stream of streams) {
    if (!stream.ewc) errors[rowPath('streams', stream.key, 'ewcCode')] = [t('enterpriseForm.pickEwc')]
  }
  return errors
}

/** The drafts of each kind of row the form holds. */
export type RowDrafts = { streams: StreamDraft; needs: NeedDraft; permits: PermitDraft }

const emptyRows: { [K in RowKind]: () => RowDrafts[K] } = {
  streams: emptyStream,
  needs: emptyNeed,
  permits: emptyPermit,
}

/** Draft fields named otherwise in the contract, so editing one clears the message it was given. */
const contractNames: Record<RowKind | 'enterprise', Record<string, string>> = {
  enterprise: { nace: 'naceCode', longitude: 'location', latitude: 'location' },
  streams: { ewc: 'ewcCode' },
  needs: { quantity: 'quantityTonnesPerYear' },
  permits: { capacity: 'capacityTonnesPerYear' },
}

/** Everything the enterprise form holds: the enterprise, its rows, what was last saved, the messages. */
export type EnterpriseFormState = {
  enterprise: EnterpriseDraft
  /** The enterprise as last saved (its id and version once it has them), to send only a change. */
  saved: { id?: number | undefined; version?: number | undefined; body: string }
  rows: { [K in RowKind]: RowSet<RowDrafts[K]> }
  errors: FieldErrors
}

export function formStateOf(enterprise: Enterprise | undefined): EnterpriseFormState {
  return {
    enterprise: enterprise ? draftOfEnterprise(enterprise) : emptyEnterprise(),
    saved: {
      id: enterprise?.id,
      version: enterprise?.version,
      body: enterprise ? JSON.stringify(enterpriseBody(draftOfEnterprise(enterprise))) : '',
    },
    rows: {
      streams: rowSetOf((enterprise?.wasteStreams ?? []).map(draftOfStream), streamBody),
      needs: rowSetOf((enterprise?.resourceNeeds ?? []).map(draftOfNeed), needBody),
      permits: rowSetOf((enterprise?.permits ?? []).map(draftOfPermit), permitBody),
    },
    errors: {},
  }
}

type RowAction<K extends RowKind> =
  | { type: 'editRow'; kind: K; key: string; change: Partial<RowDrafts[K]> }
  | { type: 'addRow'; kind: K }
  | { type: 'removeRow'; kind: K; key: string }

export type EnterpriseFormAction =
  | { type: 'edit'; change: Partial<EnterpriseDraft> }
  | RowAction<RowKind>
  | { type: 'errors'; errors: FieldErrors }
  | { type: 'enterpriseSaved'; saved: EnterpriseFormState['saved'] }
  | { type: 'rowsSaved'; rows: EnterpriseFormState['rows'] }

/** The form's one reducer: every edit, and what a save leaves behind. */
export function enterpriseFormReducer(
  state: EnterpriseFormState,
  action: EnterpriseFormAction,
): EnterpriseFormState {
  switch (action.type) {
    case 'edit':
      return {
        ...state,
        enterprise: { ...state.enterprise, ...action.change },
        errors: withoutPaths(
          state.errors,
          Object.keys(action.change).map((field) => `body.${contractNames.enterprise[field] ?? field}`),
        ),
      }
    case 'errors':
      return { ...state, errors: action.errors }
    case 'enterpriseSaved':
      return { ...state, saved: action.saved }
    case 'rowsSaved':
      return { ...state, rows: action.rows }
    default:
      return rowReducer(state, action)
  }
}

function rowReducer<K extends RowKind>(
  state: EnterpriseFormState,
  action: RowAction<K>,
): EnterpriseFormState {
  const set: RowSet<RowDrafts[K]> = state.rows[action.kind]
  const withRows = (next: RowSet<RowDrafts[K]>, errors = state.errors) => ({
    ...state,
    rows: { ...state.rows, [action.kind]: next },
    errors,
  })
  switch (action.type) {
    case 'editRow': {
      const names = contractNames[action.kind]
      const paths = Object.keys(action.change).map((field) =>
        rowPath(action.kind, action.key, names[field] ?? field),
      )
      return withRows(editRow(set, action.key, action.change), withoutPaths(state.errors, paths))
    }
    case 'addRow':
      return withRows(addRow(set, emptyRows[action.kind]()))
    case 'removeRow':
      return withRows(removeRow(set, action.key))
  }
}

/** An edited field's old message goes: it was about the value that is no longer there. */
function withoutPaths(errors: FieldErrors, paths: readonly string[]): FieldErrors {
  return paths.some((path) => path in errors)
    ? Object.fromEntries(Object.entries(errors).filter(([path]) => !paths.includes(path)))
    : errors
}

/** The whole form checked with the contract, every message under the path the form shows it at. */
export function validateForm({ enterprise, rows }: EnterpriseFormState): FieldErrors {
  return {
    ...validateDraft(enterprise, rows.streams.rows),
    ...validateNeedsAndPermits(rows.needs.rows, rows.permits.rows),
  }
}
