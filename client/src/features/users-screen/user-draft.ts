import { newUserSchema, type Role, type User, userChangeSchema } from '@contract/accounts.js'
import type { z } from 'zod'
import { type FieldErrors, fieldErrorsOfIssues } from '../../components/field-error.js'

/** The users form as typed: strings for the inputs, turned into the contract's bodies on save. */
export type UserDraft = {
  email: string
  displayName: string
  role: Role
  password: string
  enterpriseId: string
  regionIds: number[]
  disabled: boolean
}

export const emptyUser = (): UserDraft => ({
  email: '',
  displayName: '',
  role: 'analyst',
  password: '',
  enterpriseId: '',
  regionIds: [],
  disabled: false,
})

export const draftOfUser = (user: User): UserDraft => ({
  email: user.email,
  displayName: user.displayName ?? '',
  role: user.role,
  password: '',
  enterpriseId: user.enterpriseId === null ? '' : String(user.enterpriseId),
  regionIds: user.regionIds,
  disabled: user.disabled,
})

/** Only an enterprise user has an enterprise, and only an analyst's regions mean anything. */
function common(draft: UserDraft) {
  return {
    displayName: draft.displayName.trim() || null,
    role: draft.role,
    enterpriseId: draft.role === 'enterprise' && draft.enterpriseId ? Number(draft.enterpriseId) : null,
    regionIds: draft.role === 'analyst' ? draft.regionIds : [],
  }
}

export const newUserBody = (draft: UserDraft): z.input<typeof newUserSchema> => ({
  ...common(draft),
  email: draft.email,
  password: draft.password,
})

export const userChangeBody = (draft: UserDraft, version: number): z.input<typeof userChangeSchema> => ({
  ...common(draft),
  disabled: draft.disabled,
  password: draft.password === '' ? undefined : draft.password,
  version,
})

/** The contract's own checks, under the paths the server names (`body.email`), before sending. */
export function checkUser(draft: UserDraft, version: number | undefined): FieldErrors {
  const checked =
    version === undefined
      ? newUserSchema.safeParse(newUserBody(draft))
      : userChangeSchema.safeParse(userChangeBody(draft, version))
  return fieldErrorsOfIssues(checked.error?.issues ?? [])
}
