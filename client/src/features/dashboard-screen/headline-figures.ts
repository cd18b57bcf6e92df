import type { AggregateCell, AreaAggregate } from '@contract/aggregates.js'
import { formatNumber, t } from '../../i18n/index.js'
import { type Suppression, tonnesText } from './chart-rows.js'

type Basis = AggregateCell['basis']

/** Shares (0–1) of a figure's tonnes that were measured, estimated or calculated. */
export type BasisShares = { measured: number; estimated: number; calculated: number }

export type HeadlineFigure = {
  id: 'enterprises' | 'generated' | 'hazardous' | 'recoveryRate' | 'yearOnYear'
  label: string
  /** The figure as shown, with its unit; null when withheld or not computable. */
  text: string | null
  /** Why `text` is null: withheld (with the reason) or simply not computable. */
  withheld: Suppression
  /** A second line: a share, the recovered tonnes, or why there is no figure. */
  note: string | null
  basis: BasisShares | null
  /** What the basis is of, when not of the figure itself. */
  basisOf?: string
}

/** The shares of a basis, or null when it has no tonnes (or was withheld). */
export function basisShares(basis: Basis): BasisShares | null {
  const { measured, estimated, calculated } = basis
  if (measured === null || estimated === null || calculated === null) return null
  const sum = measured + estimated + calculated
  if (sum <= 0) return null
  return { measured: measured / sum, estimated: estimated / sum, calculated: calculated / sum }
}

/** `82 % measured · 10 % estimated · 8 % calculated`, leaving out the empty parts. */
export function basisText(shares: BasisShares): string {
  const parts = (['measured', 'estimated', 'calculated'] as const)
    .filter((part) => shares[part] > 0)
    .map((part) => t(`dashboard.basis.${part}`, { percent: percentText(shares[part]) }))
  return parts.join(' · ')
}

export const percentText = (share: number) => formatNumber(share * 100)

/**
 * The five headline figures of an area, each with its basis where the API gives one. The
 * hazardous tonnes have no basis of their own in the API (the basis is per cell, and the
 * hazardous part is not a cell), so they show their share of the total instead.
 */
export function headlineFigures(area: AreaAggregate): HeadlineFigure[] {
  const { totals } = area
  const recovery = area.byRoute.find((cell) => cell.key === 'recovery')
  const totalsWithheld = totals.suppressed
  const generated = totals.tonnesPerYear
  const hazardous = totals.hazardousTonnesPerYear
  return [
    {
      id: 'enterprises',
      label: t('dashboard.figure.enterprises'),
      text: totals.enterpriseCount === null ? null : formatNumber(totals.enterpriseCount),
      withheld: null,
      note: yearsNote(area.years),
      basis: null,
    },
    {
      id: 'generated',
      label: t('dashboard.figure.generated'),
      text: generated === null ? null : tonnesText(generated),
      withheld: totalsWithheld,
      note: null,
      basis: basisShares(totals.basis),
    },
    {
      id: 'hazardous',
      label: t('dashboard.figure.hazardous'),
      text: hazardous === null ? null : tonnesText(hazardous),
      withheld: totalsWithheld,
      note:
        hazardous !== null && generated
          ? t('dashboard.figure.hazardousShare', { percent: percentText(hazardous / generated) })
          : null,
      basis: null,
    },
    {
      id: 'recoveryRate',
      label: t('dashboard.figure.recoveryRate'),
      text:
        totals.recoveryRate === null
          ? null
          : t('dashboard.unit.percent', { value: percentText(totals.recoveryRate) }),
      withheld: totals.recoveryRate === null ? (totalsWithheld ?? recovery?.suppressed ?? null) : null,
      note:
        totals.recoveredTonnesPerYear !== null && totals.recoveryRate !== null
          ? t('dashboard.figure.recovered', { tonnes: tonnesText(totals.recoveredTonnesPerYear) })
          : totals.recoveryRate === null && !totalsWithheld && !recovery?.suppressed
            ? t('dashboard.figure.noWaste')
            : null,
      basis: recovery ? basisShares(recovery.basis) : null,
      basisOf: t('dashboard.basis.ofRecovered'),
    },
    yearOnYearFigure(area),
  ]
}

function yearsNote(years: readonly number[]): string | null {
  const first = years[0]
  const last = years.at(-1)
  if (first === undefined || last === undefined) return t('dashboard.figure.noStreams')
  return first === last
    ? t('dashboard.figure.surveyYear', { year: first })
    : t('dashboard.figure.surveyYears', { from: first, to: last })
}

function yearOnYearFigure(area: AreaAggregate): HeadlineFigure {
  const base = { id: 'yearOnYear' as const, basis: null }
  const change = area.yearOnYear
  if (!change) {
    return {
      ...base,
      label: t('dashboard.figure.yearOnYear'),
      text: null,
      withheld: null,
      note: t('dashboard.figure.oneYear'),
    }
  }
  const label = t('dashboard.figure.yearOnYearFrom', { from: change.fromYear, to: change.toYear })
  const withheldYear = area.byYear.find(
    (cell) => cell.suppressed && (cell.key === String(change.fromYear) || cell.key === String(change.toYear)),
  )
  if (change.changePercent === null) {
    return {
      ...base,
      label,
      text: null,
      withheld: withheldYear?.suppressed ?? null,
      note: withheldYear ? null : t('dashboard.figure.noBaseYear', { year: change.fromYear }),
    }
  }
  const sign = change.changePercent > 0 ? '+' : ''
  const toYear = area.byYear.find((cell) => cell.key === String(change.toYear))
  return {
    ...base,
    label,
    text: t('dashboard.unit.percent', { value: `${sign}${formatNumber(change.changePercent)}` }),
    withheld: null,
    note: null,
    basis: toYear ? basisShares(toYear.basis) : null,
    basisOf: t('dashboard.basis.ofYear', { year: change.toYear }),
  }
}
