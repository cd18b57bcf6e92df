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
  const { totals, surveyYear: year } = area
  const recovery = area.byRoute.find((cell) => cell.key === 'recovery')
  const totalsWithheld = totals.suppressed
  const generated = totals.tonnesPerYear
  const hazardous = totals.hazardousTonnesPerYear
  return [
    {
      id: 'enterprises',
      label:
        year === null ? t('dashboard.figure.enterprisesNoYear') : t('dashboard.figure.enterprises', { year }),
      text: totals.enterpriseCount === null ? null : formatNumber(totals.enterpriseCount),
      withheld: totals.enterpriseCount === null ? totalsWithheld : null,
      note: registeredNote(area),
      basis: null,
    },
    {
      id: 'generated',
      label:
        year === null ? t('dashboard.figure.generatedNoYear') : t('dashboard.figure.generated', { year }),
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

/** `of 40 registered (20 %)`: the survey's coverage of the year, or why there is none. */
function registeredNote(area: AreaAggregate): string | null {
  if (area.surveyYear === null) return t('dashboard.figure.noStreams')
  const reported = area.totals.enterpriseCount
  const registered = area.enterprisesRegistered
  if (reported === null || registered === 0) return null
  return t('dashboard.figure.registered', {
    registered: formatNumber(registered),
    percent: percentText(reported / registered),
  })
}

const signed = (percent: number) =>
  t('dashboard.unit.percent', { value: `${percent > 0 ? '+' : ''}${formatNumber(percent)}` })

/**
 * The like-for-like change (the enterprises that reported in both years) as the figure, and the
 * all-enterprises change beside it with each year's coverage: a survey that grew is not growth.
 */
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
  const all =
    change.changePercent === null || change.fromEnterpriseCount === null || change.toEnterpriseCount === null
      ? t('dashboard.figure.allWithheld')
      : t('dashboard.figure.allEnterprises', {
          change: signed(change.changePercent),
          from: formatNumber(change.fromEnterpriseCount),
          to: formatNumber(change.toEnterpriseCount),
        })
  const { likeForLike } = change
  if (likeForLike.suppressed) {
    return { ...base, label, text: null, withheld: likeForLike.suppressed, note: all }
  }
  const count = likeForLike.enterpriseCount ?? 0
  if (likeForLike.changePercent === null) {
    return {
      ...base,
      label,
      text: null,
      withheld: null,
      note: `${t('dashboard.figure.noBaseYear', { year: change.fromYear })} · ${all}`,
    }
  }
  const toYear = area.byYear.find((cell) => cell.key === String(change.toYear))
  return {
    ...base,
    label,
    text: signed(likeForLike.changePercent),
    withheld: null,
    note: `${t('dashboard.figure.likeForLike', { count: formatNumber(count) })} · ${all}`,
    basis: toYear ? basisShares(toYear.basis) : null,
    basisOf: t('dashboard.basis.ofYear', { year: change.toYear }),
  }
}
