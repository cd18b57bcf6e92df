import { en, type MessageKey, type Messages } from './en.js'

/**
 * The one i18n layer: every UI string goes through `t`. A language is a `Messages` file added to
 * `catalogues` (az, ru, ka, uk are planned); the browser's first supported language wins,
 * English otherwise.
 */
const catalogues: Record<string, Messages> = { en }

export function pickLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? ''
    if (base in catalogues) return base
  }
  return 'en'
}

const language = pickLanguage(typeof navigator === 'undefined' ? [] : navigator.languages)
const messages = catalogues[language] ?? en

export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )
}

const numberFormat = new Intl.NumberFormat(language, { maximumFractionDigits: 1 })
export const formatNumber = (value: number) => numberFormat.format(value)
export { language }
