import { type RawBuilder, sql } from 'kysely'
import type { Disclosure } from '../../contract/disclosure.js'

/**
 * Differencing protection for the public (issue 13, docs/disclosure.md "Differencing"): noise
 * infusion as the US Census Bureau's County Business Patterns apply it (Evans, Zayatz and Slanta
 * 1998). Each enterprise's tonnes are multiplied by a fixed factor 1 ± d, the sign and
 * d ∈ [low, high] drawn from a keyed hash of the enterprise, before any sum. So
 * every published figure is a sum of noisy contributions: two figures that differ by one
 * enterprise differ by its noisy tonnes, never its true ones, the same every time they are asked
 * (no averaging over repeats or over different areas), while a sum over many enterprises keeps
 * its accuracy (the signs cancel). The factor is the enterprise's in every survey year, as the
 * Census Bureau keeps an establishment's multiplier from year to year: a region's change from one
 * year to the next is then a change of the same weighted enterprises, not the difference of two
 * draws (with one factor per year, five enterprises' +36 % read +71 % on the demo dashboard).
 */
/** Also written in migration 014's `loopmap_noise_factor`; noise.test.ts checks the two agree. */
export const NOISE_BOUNDS = { low: 0.1, high: 0.25 } as const

/**
 * `tonnes` (an expression over a stream row) with its enterprise's factor, kept with the stream
 * (`waste_streams.noise_factor`, migration 014: `loopmap_noise_factor(enterprise_id)`, set by a
 * trigger on every write). The hash's first 32 bits, as a signed integer over 2³¹, give
 * u ∈ [−1, 1): its sign is the sign of the noise, |u| places d between NOISE_BOUNDS.
 */
export function noisyTonnesSql(
  tonnes: RawBuilder<number>,
  noiseFactor: RawBuilder<number>,
): RawBuilder<number> {
  return sql<number>`(${tonnes} * ${noiseFactor})`
}

/** Significant figures of the public's tonnes: a published figure claims no more precision. */
export const PUBLIC_SIGNIFICANT_FIGURES = 3

/**
 * A public figure rounded to PUBLIC_SIGNIFICANT_FIGURES, half up. The same arithmetic as
 * roundPublicSql (floor(x / p + 0.5) · p in float8), so a tile and the totals print one value.
 */
export function roundPublic(value: number): number
export function roundPublic(value: number | null): number | null
export function roundPublic(value: number | null): number | null {
  if (value === null || value === 0 || !Number.isFinite(value)) return value
  const exponent = Math.floor(Math.log10(Math.abs(value))) - (PUBLIC_SIGNIFICANT_FIGURES - 1)
  // an integer power of ten is exact; dividing by one (rather than multiplying by 0.01) gives the
  // double nearest the decimal, so 18.04 prints as 18.04
  return exponent >= 0
    ? Math.floor(value / 10 ** exponent + 0.5) * 10 ** exponent
    : Math.floor(value * 10 ** -exponent + 0.5) / 10 ** -exponent
}

/** roundPublic in SQL, for figures that never pass through the server's code (tiles). */
export function roundPublicSql(value: RawBuilder<number>): RawBuilder<number> {
  const exponent = sql`(floor(log(abs(${value}::float8))) - ${sql.lit(PUBLIC_SIGNIFICANT_FIGURES - 1)})`
  const power = (e: RawBuilder<unknown>) => sql`power(10::float8, ${e})`
  return sql<number>`(case when ${value} is null or ${value} = 0 then ${value}::float8
    when ${exponent} >= 0 then floor(${value}::float8 / ${power(exponent)} + 0.5) * ${power(exponent)}
    else floor(${value}::float8 * ${power(sql`-${exponent}`)} + 0.5) / ${power(sql`-${exponent}`)} end)`
}

/** Who reads noisy figures: every viewer who does not see small cells (one rule, all outputs). */
export function readsNoise(disclosure: Disclosure): boolean {
  return !disclosure.seesSmallCells
}
