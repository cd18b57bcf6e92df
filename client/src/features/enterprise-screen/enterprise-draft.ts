import { formatEwcCode } from '@contract/codes.js'
import {
  type Enterprise,
  enterpriseInputSchema,
  type enterpriseUpdateSchema,
  type sizeClasses,
} from '@contract/enterprises.js'
import {
  type quantityBases,
  type quantityPeriods,
  type quantityUnits,
  type WasteStream,
  wasteStreamInputSchema,
} from '@contract/waste-streams.js'
import type { z } from 'zod'
import type { CodeOption } from '../../components/code-picker.js'
import type { FieldErrors } from '../../components/field-error.js'
import { t } from '../../i18n/index.js'

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

export type StreamDraft = {
  /** Stable React key and error-path segment, also for rows not saved yet. */
  key: string
  id?: number
  version?: number
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
}

export type EnterpriseInputBody = z.input<typeof enterpriseInputSchema>
export type StreamInputBody = z.input<typeof wasteStreamInputSchema>
type EnterpriseUpdateBody = z.input<typeof enterpriseUpdateSchema>

let nextKey = 0
const newKey = () => `new-${++nextKey}`

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
    key: newKey(),
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
  }
}

const text = (value: string | null | undefined) => value ?? ''
const numberText = (value: number | null | undefined) => (value == null ? '' : String(value))

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
  }
}

/**
 * A typed figure as the API takes it: empty is null, a number is a number, and anything else is
 * sent as the text it is, so the contract answers "must be a number" next to the field.
 */
function figure(value: string): number | null {
  const trimmed = value.trim().replace(',', '.')
  if (trimmed === '') return null
  const n = Number(trimmed)
  return (Number.isFinite(n) ? n : trimmed) as number
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

export function enterpriseUpdateBody(draft: EnterpriseDraft, version: number): EnterpriseUpdateBody {
  return { ...enterpriseBody(draft), version }
}

export function streamBody(draft: StreamDraft): StreamInputBody {
  const isVolume = draft.unit === 'm3' || draft.unit === 'l'
  return {
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

/** Where a stream's field error shows: `streams.<row key>.<field>`. */
export const streamPath = (key: string, field: string) => `streams.${key}.${field}`

/**
 * Server paths as the form places them: every `body.location.*` beside the coordinates, a
 * stream's `body.<field>.*` beside that field of its row.
 */
export function placeEnterprisePath(path: string): string {
  return path.startsWith('body.location') ? 'body.location' : path.split('.').slice(0, 2).join('.')
}
export function placeStreamPath(key: string, path: string): string {
  const field = path.split('.')[1]
  return path.startsWith('body.') && field ? streamPath(key, field) : streamPath(key, 'row')
}

function add(errors: FieldErrors, path: string, message: string) {
  errors[path] = [...(errors[path] ?? []), message]
}

/**
 * Checks the form with the same contract the server applies, before anything is sent, so a
 * half-valid form never leaves an enterprise saved without its streams.
 */
export function validateDraft(enterprise: EnterpriseDraft, streams: readonly StreamDraft[]): FieldErrors {
  const errors: FieldErrors = {}
  const parsed = enterpriseInputSchema.safeParse(enterpriseBody(enterprise))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add(errors, placeEnterprisePath(['body', ...issue.path.map(String)].join('.')), issue.message)
    }
  }
  if (!enterprise.nace) errors['body.naceCode'] = [t('enterpriseForm.pickNace')]
  if (enterprise.longitude.trim() === '' || enterprise.latitude.trim() === '') {
    errors['body.location'] = [t('enterpriseForm.pickLocation')]
  }
  for (const stream of streams) {
    const result = wasteStreamInputSchema.safeParse(streamBody(stream))
    if (!result.success) {
      for (const issue of result.error.issues) {
        add(errors, placeStreamPath(stream.key, ['body', ...issue.path.map(String)].join('.')), issue.message)
      }
    }
    if (!stream.ewc) errors[streamPath(stream.key, 'ewcCode')] = [t('enterpriseForm.pickEwc')]
  }
  return errors
}
