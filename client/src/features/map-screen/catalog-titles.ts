import type { EwcPage, NacePage } from '@contract/catalog.js'

/** Catalogue titles the map needs: legend entries and filter options. */
export type CatalogTitles = {
  ewcChapters: ReadonlyMap<string, string>
  naceSections: ReadonlyMap<string, string>
  /** Divisions in code order, each with its section, for the sector filter. */
  naceDivisions: readonly { code: string; section: string; title: string }[]
}

export const noTitles: CatalogTitles = { ewcChapters: new Map(), naceSections: new Map(), naceDivisions: [] }

export function catalogTitles(chapters: EwcPage, sections: NacePage, divisions: NacePage): CatalogTitles {
  return {
    ewcChapters: new Map(chapters.items.map((entry) => [entry.code, shortTitle(entry.description)])),
    naceSections: new Map(sections.items.map((entry) => [entry.code, shortTitle(entry.title)])),
    naceDivisions: divisions.items.map((entry) => ({
      code: entry.code,
      section: entry.section,
      title: shortTitle(entry.title),
    })),
  }
}

/**
 * A catalogue title as a legend can show it: the official lists print chapter and section titles
 * in capitals ("WASTES FROM THERMAL PROCESSES"), which read as shouting in a legend, and some run
 * to 150 characters. Sentence case, cut at a word before `maxLength`.
 */
export function shortTitle(title: string, maxLength = 60): string {
  const letters = title.replace(/[^A-Za-z]/g, '')
  // some chapter titles in capitals end in a lower-case note, "(except edible oils, …)"
  const leadingCapitals = (title.split(/[a-z]/)[0] ?? '').replace(/[^A-Z]/g, '')
  const shouted = leadingCapitals.length >= 6 || (letters.length > 0 && letters === letters.toUpperCase())
  const text = shouted
    ? title
        .replace(/\b[A-Z][A-Z'-]*\b/g, (word) => word.toLowerCase())
        // a one-word abbreviation in brackets stays in capitals: (MFSU)
        .replace(/\(([a-z]{2,6})\)/g, (_, abbreviation: string) => `(${abbreviation.toUpperCase()})`)
        .replace(/^[a-z]/, (first) => first.toUpperCase())
    : title
  if (text.length <= maxLength) return text
  const cut = text.slice(0, maxLength - 1)
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength / 2))
  return `${atWord.replace(/[\s,;(]+$/, '')}…`
}
