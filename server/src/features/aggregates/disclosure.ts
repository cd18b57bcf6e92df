import type { AggregateCell, AreaAggregate, YearOnYear } from '../../contract/aggregates.js'
import { roundPublic } from '../../domain/disclosure/noise.js'

/**
 * Statistical disclosure control for the public (issue 5): a cell built from fewer than
 * `minEnterprises` enterprises is suppressed (primary). In a breakdown whose cells add up to a
 * published total, one suppressed cell could be recovered by subtraction, so the next smallest
 * cell is suppressed too (secondary). Figures derived from a suppressed cell (recovery rate,
 * year-on-year change) go with it. Pure: returns a new aggregate.
 */
export function suppressSmallCells(area: AreaAggregate, minEnterprises: number): AreaAggregate {
  const primary = (cell: AggregateCell) => (cell.enterpriseCount ?? 0) < minEnterprises
  const totalsHidden = primary(area.totals)
  const additive = (cells: AggregateCell[]) => suppressTable(cells, primary, totalsHidden)
  const byRoute = additive(area.byRoute)
  // the series is one figure per year, not parts of a published sum: primary suppression only
  const byYear = area.byYear.map((cell) => (primary(cell) ? hide(cell, 'primary') : cell))
  const recoveryHidden = totalsHidden || byRoute.some((cell) => cell.key === 'recovery' && cell.suppressed)
  const yearHidden = (year: number) => byYear.some((cell) => cell.key === String(year) && cell.suppressed)
  const totals = totalsHidden ? hide(area.totals, 'primary') : area.totals
  return {
    ...area,
    totals: {
      ...totals,
      recoveredTonnesPerYear: recoveryHidden ? null : area.totals.recoveredTonnesPerYear,
      recoveryRate: recoveryHidden ? null : area.totals.recoveryRate,
    },
    byEwcChapter: withheldLast(additive(area.byEwcChapter)),
    byNaceSection: withheldLast(additive(area.byNaceSection)),
    byRoute,
    byYear,
    yearOnYear: area.yearOnYear && suppressYearOnYear(area.yearOnYear, yearHidden, minEnterprises),
    // the top list is not complete, so nothing can be recovered from it by subtraction
    topStreams: withheldLast(area.topStreams.map((cell) => (primary(cell) ? hide(cell, 'primary') : cell))),
  }
}

/**
 * The change goes with its years' cells. Like for like is its own cell (primary below k), and
 * secondary when the enterprises of one year only are 1 to k−1: the year's published total
 * minus the like-for-like tonnes would then be theirs.
 */
function suppressYearOnYear(
  change: YearOnYear,
  yearHidden: (year: number) => boolean,
  minEnterprises: number,
): YearOnYear {
  const yearsHidden = yearHidden(change.fromYear) || yearHidden(change.toYear)
  const both = change.likeForLike.enterpriseCount ?? 0
  const singledOut = (count: number | null) => {
    const onlyThatYear = (count ?? 0) - both
    return onlyThatYear > 0 && onlyThatYear < minEnterprises
  }
  const reason: 'primary' | 'secondary' | null =
    both < minEnterprises
      ? 'primary'
      : yearsHidden || singledOut(change.fromEnterpriseCount) || singledOut(change.toEnterpriseCount)
        ? 'secondary'
        : null
  const likeForLike =
    reason === null
      ? change.likeForLike
      : { enterpriseCount: null, fromTonnes: null, toTonnes: null, changePercent: null, suppressed: reason }
  return yearsHidden
    ? { ...change, changePercent: null, fromEnterpriseCount: null, toEnterpriseCount: null, likeForLike }
    : { ...change, likeForLike }
}

/**
 * Tables sorted by tonnes would show a withheld cell's size by its place: published cells keep
 * their order, withheld ones follow by key.
 */
export function withheldLast<C extends { key: string; suppressed: string | null }>(cells: C[]): C[] {
  const shown = cells.filter((cell) => cell.suppressed === null)
  const withheld = cells.filter((cell) => cell.suppressed !== null).sort((a, b) => a.key.localeCompare(b.key))
  return [...shown, ...withheld]
}

export function suppressTable(
  cells: AggregateCell[],
  primary: (cell: AggregateCell) => boolean,
  totalsHidden: boolean,
): AggregateCell[] {
  const hidden = new Set(cells.filter((cell) => totalsHidden || primary(cell)).map((cell) => cell.key))
  if (!totalsHidden && hidden.size === 1 && cells.length > 1) {
    const smallest = cells
      .filter((cell) => !hidden.has(cell.key))
      .sort((a, b) => (a.tonnesPerYear ?? 0) - (b.tonnesPerYear ?? 0) || a.key.localeCompare(b.key))[0]
    if (smallest) {
      return cells.map((cell) =>
        cell.key === smallest.key
          ? hide(cell, 'secondary')
          : hidden.has(cell.key)
            ? hide(cell, 'primary')
            : cell,
      )
    }
  }
  return cells.map((cell) => (hidden.has(cell.key) ? hide(cell, 'primary') : cell))
}

function hide<C extends AggregateCell>(cell: C, reason: 'primary' | 'secondary'): C {
  return {
    ...cell,
    enterpriseCount: null,
    tonnesPerYear: null,
    hazardousTonnesPerYear: null,
    basis: { measured: null, estimated: null, calculated: null },
    suppressed: reason,
  }
}

/**
 * The public's figures to PUBLIC_SIGNIFICANT_FIGURES (domain/disclosure/noise.ts), each on its
 * own: the cells of a breakdown may not add up to the rounded total to the last figure. Rates and
 * changes are left as computed, from the noisy unrounded tonnes.
 */
export function roundArea(area: AreaAggregate): AreaAggregate {
  const change = area.yearOnYear
  return {
    ...area,
    totals: {
      ...roundCell(area.totals),
      recoveredTonnesPerYear: roundPublic(area.totals.recoveredTonnesPerYear),
    },
    byEwcChapter: area.byEwcChapter.map(roundCell),
    byNaceSection: area.byNaceSection.map(roundCell),
    byRoute: area.byRoute.map(roundCell),
    byYear: area.byYear.map(roundCell),
    topStreams: area.topStreams.map(roundCell),
    yearOnYear: change && {
      ...change,
      likeForLike: {
        ...change.likeForLike,
        fromTonnes: roundPublic(change.likeForLike.fromTonnes),
        toTonnes: roundPublic(change.likeForLike.toTonnes),
      },
    },
  }
}

export function roundCell<C extends AggregateCell>(cell: C): C {
  return {
    ...cell,
    tonnesPerYear: roundPublic(cell.tonnesPerYear),
    hazardousTonnesPerYear: roundPublic(cell.hazardousTonnesPerYear),
    basis: {
      measured: roundPublic(cell.basis.measured),
      estimated: roundPublic(cell.basis.estimated),
      calculated: roundPublic(cell.basis.calculated),
    },
  }
}
