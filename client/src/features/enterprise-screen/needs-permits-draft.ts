import { formatEwcCode } from '@contract/codes.js'
import { type Permit, permitInputSchema } from '@contract/permits.js'
import { type ResourceNeed, resourceNeedInputSchema } from '@contract/resource-needs.js'
import type { z } from 'zod'
import type { CodeOption } from '../../components/code-picker.js'
import { type FieldErrors, fieldErrorsOf } from '../../components/field-error.js'

export type NeedDraft = {
  /** Stable React key and error-path segment, also for rows not saved yet. */
  key: string
  id?: number
  version?: number
  ewcCodes: CodeOption[]
  materialCategory: string
  quantity: string
  maxDistanceKm: string
}

export type PermitDraft = {
  key: string
  id?: number
  version?: number
  permitNumber: string
  operation: string
  /** As typed: comma-separated codes or prefixes, each checked by the contract. */
  acceptedEwc: string
  capacity: string
  hazardousAllowed: boolean
  validFrom: string
  validTo: string
}

export type NeedInputBody = z.input<typeof resourceNeedInputSchema>
export type PermitInputBody = z.input<typeof permitInputSchema>

let nextKey = 0
const newKey = (kind: string) => `new-${kind}-${++nextKey}`

export const emptyNeed = (): NeedDraft => ({
  key: newKey('need'),
  ewcCodes: [],
  materialCategory: '',
  quantity: '',
  maxDistanceKm: '',
})

export const emptyPermit = (): PermitDraft => ({
  key: newKey('permit'),
  permitNumber: '',
  operation: '',
  acceptedEwc: '',
  capacity: '',
  hazardousAllowed: false,
  validFrom: '',
  validTo: '',
})

const numberText = (value: number | null | undefined) => (value == null ? '' : String(value))

export function ewcOption(code: string): CodeOption {
  return { code, display: formatEwcCode(code), description: '' }
}

export function draftOfNeed(need: ResourceNeed): NeedDraft {
  return {
    key: `saved-${need.id}`,
    id: need.id,
    version: need.version,
    ewcCodes: need.ewcCodes.map(ewcOption),
    materialCategory: need.materialCategory ?? '',
    quantity: numberText(need.quantityTonnesPerYear),
    maxDistanceKm: numberText(need.maxDistanceKm),
  }
}

export function draftOfPermit(permit: Permit): PermitDraft {
  return {
    key: `saved-${permit.id}`,
    id: permit.id,
    version: permit.version,
    permitNumber: permit.permitNumber ?? '',
    operation: permit.operation,
    acceptedEwc: permit.acceptedEwc.map(formatEwcCode).join(', '),
    capacity: numberText(permit.capacityTonnesPerYear),
    hazardousAllowed: permit.hazardousAllowed,
    validFrom: permit.validFrom ?? '',
    validTo: permit.validTo ?? '',
  }
}

/** Same rule as the stream form: empty is null, a number a number, anything else its text for the contract to name. */
function figure(value: string): number | null {
  const trimmed = value.trim().replace(',', '.')
  if (trimmed === '') return null
  const n = Number(trimmed)
  return (Number.isFinite(n) ? n : trimmed) as number
}

export function needBody(draft: NeedDraft): NeedInputBody {
  return {
    ewcCodes: draft.ewcCodes.map((option) => option.code),
    materialCategory: draft.materialCategory.trim() === '' ? null : draft.materialCategory.trim(),
    quantityTonnesPerYear: figure(draft.quantity),
    maxDistanceKm: figure(draft.maxDistanceKm),
  }
}

export function permitBody(draft: PermitDraft): PermitInputBody {
  return {
    permitNumber: draft.permitNumber,
    operation: draft.operation,
    acceptedEwc: draft.acceptedEwc
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
    capacityTonnesPerYear: figure(draft.capacity),
    hazardousAllowed: draft.hazardousAllowed,
    validFrom: draft.validFrom === '' ? null : draft.validFrom,
    validTo: draft.validTo === '' ? null : draft.validTo,
  }
}

export const needPath = (key: string, field: string) => `needs.${key}.${field}`
export const permitPath = (key: string, field: string) => `permits.${key}.${field}`

/** A server path `body.<field>.*` lands beside that field of the row, anything else on the row. */
function placeIn(prefix: string, key: string, path: string): string {
  const field = path.split('.')[1]
  return path.startsWith('body.') && field ? `${prefix}.${key}.${field}` : `${prefix}.${key}.row`
}
export const placeNeedPath = (key: string, path: string) => placeIn('needs', key, path)
export const placePermitPath = (key: string, path: string) => placeIn('permits', key, path)

function add(errors: FieldErrors, path: string, message: string) {
  errors[path] = [...(errors[path] ?? []), message]
}

/** Checks needs and permits with the contract the server applies, before anything is sent. */
export function validateNeedsAndPermits(
  needs: readonly NeedDraft[],
  permits: readonly PermitDraft[],
): FieldErrors {
  const errors: FieldErrors = {}
  for (const need of needs) {
    const result = resourceNeedInputSchema.safeParse(needBody(need))
    if (result.success) continue
    for (const issue of result.error.issues) {
      add(errors, placeNeedPath(need.key, ['body', ...issue.path.map(String)].join('.')), issue.message)
    }
  }
  for (const permit of permits) {
    const result = permitInputSchema.safeParse(permitBody(permit))
    if (result.success) continue
    for (const issue of result.error.issues) {
      add(errors, placePermitPath(permit.key, ['body', ...issue.path.map(String)].join('.')), issue.message)
    }
  }
  return errors
}

type SavedRow = { key: string; id?: number; version?: number }

type RowApi<D extends SavedRow, B> = {
  body: (draft: D) => B
  create: (body: B) => Promise<{ id: number; version: number }>
  update: (id: number, body: B & { version: number }) => Promise<{ version: number }>
  remove: (id: number) => Promise<unknown>
  place: (key: string, path: string) => string
}

/**
 * Saves one kind of child row the way the form saves streams: removed rows are deleted, new ones
 * created, changed ones sent with their version (a 409 comes back as the form's failure, so the
 * stale-version message and Reload show). A refused row keeps its draft and its messages.
 */
export async function saveRows<D extends SavedRow, B>(
  rows: readonly D[],
  removed: readonly D[],
  saved: ReadonlyMap<number, string>,
  rowApi: RowApi<D, B>,
): Promise<{ rows: D[]; saved: Map<number, string>; errors: FieldErrors; failure: unknown }> {
  const errors: FieldErrors = {}
  let failure: unknown
  const nowSaved = new Map(saved)
  for (const row of removed) {
    if (row.id === undefined) continue
    try {
      await rowApi.remove(row.id)
      nowSaved.delete(row.id)
    } catch (error) {
      Object.assign(
        errors,
        fieldErrorsOf(error, (path) => rowApi.place(row.key, path)),
      )
      failure ??= error
    }
  }
  const next: D[] = []
  for (const row of rows) {
    const body = rowApi.body(row)
    const text = JSON.stringify(body)
    try {
      if (row.id === undefined) {
        const created = await rowApi.create(body)
        nowSaved.set(created.id, text)
        next.push({ ...row, id: created.id, version: created.version })
      } else if (nowSaved.get(row.id) !== text && row.version !== undefined) {
        const changed = await rowApi.update(row.id, { ...body, version: row.version })
        nowSaved.set(row.id, text)
        next.push({ ...row, version: changed.version })
      } else {
        next.push(row)
      }
    } catch (error) {
      Object.assign(
        errors,
        fieldErrorsOf(error, (path) => rowApi.place(row.key, path)),
      )
      failure ??= error
      next.push(row)
    }
  }
  return { rows: next, saved: nowSaved, errors, failure }
}
