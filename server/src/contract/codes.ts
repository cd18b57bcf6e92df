import { z } from 'zod'

/**
 * EWC codes arrive as `100102`, `10 01 02` or `10.01.02` (and chapters/sub-chapters as `10`,
 * `10 01`). Normalised to digits only; anything else is refused with the reason.
 */
export function normaliseEwcCode(input: string): string | undefined {
  const trimmed = input.trim().replace(/\*$/, '').trim()
  if (!/^[0-9]{2}([ .]?[0-9]{2}){0,2}$/.test(trimmed)) return undefined
  return trimmed.replace(/[ .]/g, '')
}

/** `100102` → `10 01 02`, the way the List of Waste prints codes. */
export function formatEwcCode(code: string): string {
  return code.replace(/(\d{2})(?=\d)/g, '$1 ')
}

export const ewcCodeInput = z
  .string()
  .transform((value, ctx) => {
    const code = normaliseEwcCode(value)
    if (code === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an EWC code: expected 2, 4 or 6 digits such as 100102, 10 01 02 or 10.01.02`,
      })
      return z.NEVER
    }
    return code
  })
  .describe('EWC code as 100102, 10 01 02 or 10.01.02')

/** NACE codes as Eurostat writes them (`C`, `10`, `10.1`, `10.11`); `1011` and `10.1.1` are read too. */
export function normaliseNaceCode(input: string): string | undefined {
  const trimmed = input.trim().toUpperCase()
  if (/^[A-U]$/.test(trimmed)) return trimmed
  const digits = trimmed.replace(/[ .]/g, '')
  if (!/^[0-9]{2,4}$/.test(digits) || !/^[0-9]{2}([ .]?[0-9]){0,2}$/.test(trimmed)) return undefined
  return digits.length === 2 ? digits : `${digits.slice(0, 2)}.${digits.slice(2)}`
}

export const naceCodeInput = z
  .string()
  .transform((value, ctx) => {
    const code = normaliseNaceCode(value)
    if (code === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a NACE Rev.2 code: expected a section letter (C) or digits such as 10, 10.1, 10.11`,
      })
      return z.NEVER
    }
    return code
  })
  .describe('NACE Rev.2 code: section letter, division, group or class, e.g. C, 10, 10.1, 10.11')
