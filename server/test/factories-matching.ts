import fs from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { repoRoot } from '../src/config.js'
import type { DB } from '../src/db/schema.js'
import { newEnterprise, testArea } from './factories.js'

/**
 * Places for the matching tests: points due east of a test square's centre at a chosen
 * great-circle distance, so a test sets distances by hand and computes the expected figures.
 */
export function matchingArea() {
  const area = testArea()
  const origin = { lon: area.lon + 0.2, lat: area.lat + 0.5 }
  return {
    origin,
    /** The point `km` due east of the origin, along its parallel (close enough for < 50 km). */
    east(km: number) {
      const kmPerDegree = (Math.PI / 180) * EARTH_RADIUS_KM * Math.cos((origin.lat * Math.PI) / 180)
      return { lon: origin.lon + km / kmPerDegree, lat: origin.lat }
    },
  }
}

/** Mean Earth radius (IUGG), as Turf uses; the tests' own haversine uses it too. */
export const EARTH_RADIUS_KM = 6371.0088

export function haversineKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h))
}

type FactorsFile = {
  factors: { name: string; value: number }[]
  countries: {
    country: string
    transportCostPerTonneKm: number
    landfillGateFeePerTonne: number
    isDefault: boolean
  }[]
}

/** The factors read straight from the fixture, for hand computations independent of the engine. */
export function fixtureFactors() {
  const file = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'fixtures/matching/factors.json'), 'utf8'),
  ) as FactorsFile
  const value = (name: string) => {
    const found = file.factors.find((f) => f.name === name)
    if (!found) throw new Error(`no factor ${name}`)
    return found.value
  }
  const country = file.countries.find((c) => c.isDefault)
  if (!country) throw new Error('no default country')
  return { value, country }
}

/** Virgin-material CO2 avoided per tonne of a category, from fixtures/matching/categories.tsv. */
export function fixtureCo2AvoidedPerTonne(category: string): number {
  const lines = fs.readFileSync(path.join(repoRoot, 'fixtures/matching/categories.tsv'), 'utf8').split('\n')
  const line = lines.find((l) => l.startsWith(`${category}\t`))
  if (!line) throw new Error(`no category ${category}`)
  return Number(line.split('\t')[3])
}

/** An enterprise of a NACE class at a place. */
export function enterpriseAt(
  db: Kysely<DB>,
  at: { lon: number; lat: number },
  naceCode: string,
  name: string,
) {
  return newEnterprise(db, at, { nace_code: naceCode, name })
}
