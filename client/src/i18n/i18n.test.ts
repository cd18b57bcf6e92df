import { describe, expect, it } from 'vitest'
import { pickLanguage, t } from './index.js'

describe('i18n', () => {
  it('fills named placeholders', () => {
    expect(t('map.enterprises', { count: 42 })).toBe('42 enterprises')
  })

  it('falls back to English for a language without a file', () => {
    expect(pickLanguage(['xx-YY', 'zz'])).toBe('en')
  })

  it('matches a regional tag to its base language', () => {
    expect(pickLanguage(['en-GB'])).toBe('en')
  })
})
