import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type AreaGeometry, areaGeometrySchema } from '../contract/geojson.js'
import { checkAreaGeometry } from './polygon-validity.js'

// Golden files as in Turf: fixtures/check-area-geometry/in/<case>.geojson → out/<case>.json.
// REGEN=1 rewrites the out files; review the diff before committing it.
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'check-area-geometry')
const cases = fs.readdirSync(path.join(root, 'in')).filter((file) => file.endsWith('.geojson'))

describe('checkAreaGeometry golden files', () => {
  it.each(cases)('%s', (file) => {
    const input: AreaGeometry = areaGeometrySchema.parse(
      JSON.parse(fs.readFileSync(path.join(root, 'in', file), 'utf8')),
    )
    const untouched = structuredClone(input)
    const result = checkAreaGeometry(input)
    expect(input).toEqual(untouched)
    const outFile = path.join(root, 'out', file.replace(/\.geojson$/, '.json'))
    if (process.env.REGEN === '1') fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`)
    expect(result).toEqual(JSON.parse(fs.readFileSync(outFile, 'utf8')))
  })
})
