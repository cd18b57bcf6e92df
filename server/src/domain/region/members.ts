import { type RawBuilder, sql } from 'kysely'

/**
 * Region membership, read from the one place it is kept: the table `region_members`, which the
 * database maintains with the enterprises and the regions (migrations/010_boundary_sets.sql,
 * `loopmap_member_regions`). An enterprise is a member of every region whose area covers its
 * point, sub-regions included, except that among the covering regions of one boundary set and
 * level only the smallest (then the lowest id) has it: so a point on an edge shared inside a set
 * counts once there, and a region of another set counts it too. Tiles, totals, the survey
 * filters, the outlet gap, matching, access checks and exports all ask through these helpers.
 */

/** The enterprise whose id is the column `enterpriseId` (e.g. `e.id`) is a member of the region. */
export function isRegionMember(enterpriseId: string, regionId: number): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from region_members rm
    where rm.region_id = ${regionId} and rm.enterprise_id = ${sql.ref(enterpriseId)})`
}

/** The enterprise (the column `enterpriseId`) is a member of at least one of the regions. */
export function isMemberOfAnyRegion(enterpriseId: string, regionIds: number[]): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from region_members rm
    where rm.region_id = any(${regionIds}::int[]) and rm.enterprise_id = ${sql.ref(enterpriseId)})`
}

/**
 * A point not yet stored (an enterprise about to be created or moved) would be a member of at
 * least one of the regions: the same rule, asked of the database function the triggers use.
 */
export function pointIsMemberOfAnyRegion(
  point: RawBuilder<unknown>,
  regionIds: number[],
): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from loopmap_member_regions(${point}) pm
    where pm.region_id = any(${regionIds}::int[]))`
}
