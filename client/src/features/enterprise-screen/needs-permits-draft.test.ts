import { describe, expect, it } from 'vitest'
import {
  emptyNeed,
  emptyPermit,
  ewcOption,
  permitBody,
  placePermitPath,
  validateNeedsAndPermits,
} from './needs-permits-draft.js'

describe('validateNeedsAndPermits', () => {
  it('names a need without codes or category, and each bad accepted code, beside their fields', () => {
    const need = emptyNeed()
    const permit = {
      ...emptyPermit(),
      operation: 'R4',
      acceptedEwc: '12 01, 9x',
      validFrom: '2025-02-01',
      validTo: '2025-01-01',
    }
    const errors = validateNeedsAndPermits([need], [permit])
    expect(Object.keys(errors).sort()).toEqual(
      [`needs.${need.key}.ewcCodes`, `permits.${permit.key}.acceptedEwc`].sort(),
    )
    expect(errors[`permits.${permit.key}.acceptedEwc`]?.join()).toMatch(/"9x" is not an EWC code/)
  })

  it('names dates out of order once the fields themselves parse', () => {
    const permit = { ...emptyPermit(), operation: 'R4', validFrom: '2025-02-01', validTo: '2025-01-01' }
    expect(Object.keys(validateNeedsAndPermits([], [permit]))).toEqual([`permits.${permit.key}.validTo`])
  })

  it('passes a complete need and permit', () => {
    const need = { ...emptyNeed(), ewcCodes: [ewcOption('1201')], quantity: '800' }
    const permit = { ...emptyPermit(), operation: 'R4', acceptedEwc: '12 01', capacity: '5000' }
    expect(validateNeedsAndPermits([need], [permit])).toEqual({})
  })
})

describe('permitBody', () => {
  it('splits the accepted codes on commas and sends empty dates as null', () => {
    const body = permitBody({ ...emptyPermit(), operation: 'D1', acceptedEwc: ' 10 01 , ,170504 ' })
    expect(body).toMatchObject({ acceptedEwc: ['10 01', '170504'], validFrom: null, validTo: null })
  })
  it('places a server path on the field of its row', () => {
    expect(placePermitPath('k', 'body.acceptedEwc.1')).toBe('permits.k.acceptedEwc')
    expect(placePermitPath('k', 'params.id')).toBe('permits.k.row')
  })
})
