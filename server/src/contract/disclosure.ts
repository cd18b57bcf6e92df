import type { Role } from './accounts.js'

/**
 * What a viewer may see of enterprise-level data, decided once per request (plugins/auth.ts sets
 * `request.disclosure`) and read by every output: tiles, totals, hexbins, outlet gap, matching,
 * exports. The client reads the same rule for its screens (features/session/capabilities.ts).
 */
export type Disclosure = {
  /**
   * Admins, analysts and officials see enterprise-level data: every cell of the totals, single
   * enterprises on the map, search by name. The public and enterprises see aggregates with
   * small cells suppressed.
   */
  seesSmallCells: boolean
  /** The smallest number of enterprises a published cell may be built from (k). */
  minEnterprises: number
}

/** Whether a role (or the public, without a session) sees single enterprises and small cells. */
export function seesSmallCells(role: Role | 'public'): boolean {
  return role !== 'public' && role !== 'enterprise'
}

export function disclosureFor(role: Role | 'public', minEnterprises: number): Disclosure {
  return { seesSmallCells: seesSmallCells(role), minEnterprises }
}

/**
 * The filters a viewer may use. Those who do not see small cells lose free text, which finds
 * enterprises by name (one name would single an enterprise out of a cluster or hexagon), and
 * "not reported for a year", a fact about single enterprises (their cells would say which of
 * them have not reported). Used by every output the public reaches: tiles, hexbins, totals.
 */
export function filtersFor<F extends { q?: string | undefined; notReportedFor?: number | undefined }>(
  disclosure: Disclosure,
  filters: F,
): F {
  return disclosure.seesSmallCells ? filters : { ...filters, q: undefined, notReportedFor: undefined }
}

/**
 * The small-cell rule (issue 13, one rule for every output): a cell, region, hexagon or cluster
 * built from fewer enterprises than this has its figures withheld from the viewer; 0 for those
 * who see small cells. A region's totals (and its regions-tile figures) count the enterprises
 * that reported a matching stream in the year; a hexagon, the matching enterprises located in it.
 */
export function smallCellThreshold({ seesSmallCells, minEnterprises }: Disclosure): number {
  return seesSmallCells ? 0 : minEnterprises
}
