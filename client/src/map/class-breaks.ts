/**
 * Class breaks of a choropleth: thresholds for a MapLibre `step` (n thresholds → n + 1 classes).
 * Few distinct values each get a class of their own; more are split into quantiles. Every
 * threshold is then rounded down to the roundest number that still leaves each value in the same
 * class, so the legend reads "1 000 – 20 000" rather than "1 234.5 – 19 876.2".
 */
export function classBreaks(values: readonly number[], maxClasses = 5): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  const distinct = [...new Set(sorted)]
  if (distinct.length < 2 || maxClasses < 2) return []

  const raw =
    distinct.length <= maxClasses
      ? distinct.slice(1)
      : Array.from(
          { length: maxClasses - 1 },
          (_, k) => sorted[Math.floor(((k + 1) * sorted.length) / maxClasses)],
        )

  const breaks: number[] = []
  for (const threshold of raw) {
    if (threshold === undefined) continue
    // the largest value below the threshold, or the previous break: the rounded one must stay above it
    const below = Math.max(largestBelow(distinct, threshold), breaks.at(-1) ?? -Infinity)
    if (threshold <= below) continue
    breaks.push(roundDownAbove(threshold, below))
  }
  return breaks
}

function largestBelow(sortedDistinct: readonly number[], threshold: number): number {
  let found = -Infinity
  for (const value of sortedDistinct) {
    if (value >= threshold) break
    found = value
  }
  return found
}

/** The value rounded down to the fewest significant digits that keep it above `floor`. */
function roundDownAbove(value: number, floor: number): number {
  if (value <= 0) return value
  const exponent = Math.floor(Math.log10(value))
  for (let digits = 1; digits <= 15; digits++) {
    const unit = 10 ** (exponent - digits + 1)
    // toPrecision keeps 0.1 × 3 from printing as 0.30000000000000004
    const rounded = Number((Math.floor(value / unit + 1e-9) * unit).toPrecision(digits))
    if (rounded > floor && rounded <= value) return rounded
  }
  return value
}

/** The index of the class a value falls in, the way MapLibre's `step` picks it. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let index = 0
  for (const threshold of breaks) if (value >= threshold) index++
  return index
}
