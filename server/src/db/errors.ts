/**
 * PostgreSQL errors as both backends report them (pg's DatabaseError and PGlite's carry the same
 * `code` and `constraint` fields). Services translate the ones a user can cause into 4xx answers.
 */
export type PgErrorFields = {
  code: string
  constraint?: string
  detail?: string
  table?: string
  column?: string
}

export function pgError(error: unknown): PgErrorFields | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  return error as PgErrorFields
}

export const PG_UNIQUE_VIOLATION = '23505'
export const PG_FOREIGN_KEY_VIOLATION = '23503'
export const PG_CHECK_VIOLATION = '23514'
export const PG_NOT_NULL_VIOLATION = '23502'

export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const fields = pgError(error)
  return fields?.code === code && (constraint === undefined || fields.constraint === constraint)
}
