import fs from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { repoRoot } from '../config.js'
import { stMultiPolygon, stPoint } from '../db/postgis.js'
import type { DB } from '../db/schema.js'
import { checkAreaGeometry } from '../geo/polygon-validity.js'
import { type DemoEnterprise, demoEnterprisesSchema, demoRegionsSchema } from './demo-schema.js'

export const demoDir = path.join(repoRoot, 'fixtures/demo')
const SEED_NAME = 'demo:absheron-baku'

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(path.join(demoDir, file), 'utf8'))
}

/**
 * Loads the synthetic demo pilot region (fixtures/demo) once, in one transaction, every record
 * marked is_demo. It never runs again on a database that has it, so analysts' edits to the demo
 * records survive restarts.
 */
export async function seedDemo(db: Kysely<DB>, log: (message: string) => void = () => {}): Promise<boolean> {
  const done = await db
    .selectFrom('seed_runs')
    .select('name')
    .where('name', '=', SEED_NAME)
    .executeTakeFirst()
  if (done) return false

  const regions = demoRegionsSchema.parse(await readJson('regions.geojson'))
  const enterprises = demoEnterprisesSchema.parse(await readJson('enterprises.json'))

  await db.transaction().execute(async (trx) => {
    const idByCode = new Map<string, number>()
    // Parents first, so every child finds its parent's id.
    const ordered = [...regions.features].sort(
      (a, b) => Number(a.properties.parent !== null) - Number(b.properties.parent !== null),
    )
    for (const feature of ordered) {
      const checked = checkAreaGeometry(feature.geometry, `regions.${feature.properties.code}`)
      if (!checked.ok)
        throw new Error(
          `Demo region ${feature.properties.code}: ${checked.issues.map((i) => i.message).join('; ')}`,
        )
      const parentId = feature.properties.parent === null ? null : idByCode.get(feature.properties.parent)
      if (parentId === undefined)
        throw new Error(`Demo region ${feature.properties.code}: unknown parent ${feature.properties.parent}`)
      const { id } = await trx
        .insertInto('regions')
        .values({
          name: feature.properties.name,
          level: feature.properties.level,
          code: feature.properties.code,
          parent_id: parentId,
          geom: stMultiPolygon(checked.geometry),
          is_demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      idByCode.set(feature.properties.code, id)
    }
    for (const enterprise of enterprises) await insertDemoEnterprise(trx, enterprise)
    await trx.insertInto('seed_runs').values({ name: SEED_NAME, checksum: 'loaded-once' }).execute()
  })
  log(
    `Loaded the demo pilot region: ${regions.features.length} regions, ${enterprises.length} enterprises (synthetic).`,
  )
  return true
}

async function insertDemoEnterprise(trx: Kysely<DB>, e: DemoEnterprise) {
  const { id } = await trx
    .insertInto('enterprises')
    .values({
      name: e.name,
      national_id: e.nationalId,
      nace_code: e.naceCode,
      size_class: e.sizeClass,
      employees: e.employees,
      address: e.address,
      geom: stPoint(e.lon, e.lat),
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (e.wasteStreams.length > 0) {
    await trx
      .insertInto('waste_streams')
      .values(
        e.wasteStreams.map((s) => ({
          enterprise_id: id,
          ewc_code: s.ewcCode,
          description: s.description,
          physical_state: s.physicalState,
          quantity: s.quantity,
          unit: s.unit,
          period: s.period,
          density_t_per_m3: s.densityTPerM3 ?? null,
          batches_per_year: s.batchesPerYear ?? null,
          frequency: s.frequency,
          basis: s.basis,
          route_code: s.routeCode,
          route_site: s.routeSite,
          receiver_name: s.receiverName ?? null,
          survey_year: s.surveyYear,
          offered_as_byproduct: s.offeredAsByproduct,
        })),
      )
      .execute()
  }
  if (e.resourceNeeds.length > 0) {
    await trx
      .insertInto('resource_needs')
      .values(
        e.resourceNeeds.map((n) => ({
          enterprise_id: id,
          description: n.description,
          ewc_codes: n.ewcCodes,
          material_category: n.materialCategory,
          quantity_t_per_year: n.quantityTPerYear,
          max_distance_km: n.maxDistanceKm,
        })),
      )
      .execute()
  }
  if (e.permits.length > 0) {
    await trx
      .insertInto('permits')
      .values(
        e.permits.map((p) => ({
          enterprise_id: id,
          permit_number: p.permitNumber,
          operation: p.operation,
          accepted_ewc: p.acceptedEwc,
          capacity_t_per_year: p.capacityTPerYear,
          hazardous_allowed: p.hazardousAllowed,
        })),
      )
      .execute()
  }
}
