import { describe, expect, it } from 'vitest'
import { t } from '../../i18n/index.js'

describe('import row status summary', () => {
  it('says how many rows are new, updated and unchanged', () => {
    expect(t('import.rowStatus', { new: 0, updated: 0, unchanged: 3, error: 0 })).toBe(
      '0 new, 0 updated, 3 unchanged',
    )
    expect(t('import.rowStatusWithErrors', { new: 1, updated: 2, unchanged: 0, error: 1 })).toBe(
      '1 new, 2 updated, 0 unchanged, 1 with problems',
    )
  })
})
