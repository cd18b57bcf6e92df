import { formatEwcCode } from '@contract/codes.js'
import { type Permit, permitInputSchema } from '@contract/permits.js'
import { type ResourceNeed, resourceNeedInputSchema } from '@contract/resource-needs.js'
import type { z } from 'zod'
import type { CodeOption } from '../../components/code-picker.js'
import type { FieldErrors } from '../../components/field-error.js'
import { figure, newRowKey, numberText, placeRowPath, type RowDraft, rowIssues } from './row-drafts.js'

export type NeedDraft = RowDraft & {
  ewcCodes: CodeOption[]
  materialCategory: string
  quantity: string
  maxDistanceKm: string
}

export type PermitDraft = RowDraft & {
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

export const emptyNeed = (): NeedDraft => ({
  key: newRowKey('need'),
  ewcCodes: [],
  materialCategory: '',
  quantity: '',
  maxDistanceKm: '',
})

export const emptyPermit = (): PermitDraft => ({
  key: newRowKey('permit'),
  permitNumber: '',
  operation: '',
  acceptedEwc: '',
  capacity: '',
  hazardousAllowed: false,
  validFrom: '',
  validTo: '',
})

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

/** A server path on a permit row, beside its field. */
export const placePermitPath = (key: string, path: string) => placeRowPath('permits', key, path)

/** Checks needs and permits with the contract the server applies, before anything is sent. */
export function validateNeedsAndPermits(
  needs: readonly NeedDraft[],
  permits: readonly PermitDraft[],
): FieldErrors {
  return {
    ...rowIssues('needs', needs, resourceNeedInputSchema, needBody),
    ...rowIssues('permits', permits, permitInputSchema, permitBody),
  }
}
