import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { formatEwcCode } from '../server/src/contract/codes.js'
import { openDatabase } from '../server/src/db/database.js'
import { findStreamMatches } from '../server/src/features/matching/service.js'
import { prepareDatabase } from '../server/src/seed/index.js'

// `tsx scripts/matching-demo.ts [--top 3]`: runs the matching engine on every demo by-product
// (fresh embedded database with the demo region, in the temp folder) and prints the top
// candidates as the Markdown table of docs/matching.md.
const { values } = parseArgs({ options: { top: { type: 'string', default: '1' } } })
const dataDir = path.join(os.tmpdir(), `loopmap-matching-demo-${process.pid}`)
const database = await openDatabase({ databaseUrl: undefined, dataDir })
try {
  await prepareDatabase(database, { demo: true })
  const streams = await sql<{
    id: number
  }>`select w.id from waste_streams w join enterprises e on e.id = w.enterprise_id
    where e.is_demo and w.offered_as_byproduct and not exists (select 1 from waste_streams w2
      where w2.enterprise_id = w.enterprise_id and w2.ewc_code = w.ewc_code and w2.survey_year > w.survey_year)
    order by w.ewc_code, w.id`.execute(database.db)
  console.log(
    '| by-product (supplier) | top receiver | source | score (material × distance × quantity) | road km | t/yr | net CO2 t/yr | reasons |',
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const { id } of streams.rows) {
    const result = await findStreamMatches(database.db, id, { radiusKm: 200, limit: Number(values.top) })
    const s = result.stream
    const label = `${formatEwcCode(s.ewcCode)} ${s.description ?? s.ewcDescription}, ${Math.round(s.quantityTonnesPerYear)} t/yr (${s.enterpriseName.replace(' (demo)', '')})`
    if (result.candidates.length === 0) console.log(`| ${label} | — none within 200 km | | | | | | |`)
    for (const c of result.candidates) {
      const p = c.scoreParts
      console.log(
        `| ${label} | ${c.receiver.name.replace(' (demo)', '')} (${c.receiver.naceCode}) | ${c.source} | ${c.score.toFixed(2)} = ${p.materialFit.toFixed(2)} × ${p.distanceFactor.toFixed(2)} × ${p.quantityFit.toFixed(2)} | ${c.distanceKm.toFixed(0)} | ${Math.round(c.quantityTonnesPerYear)} | ${(c.netCo2Kg / 1000).toFixed(1)} | ${c.reasons.slice(0, 1).join('; ')} |`,
      )
    }
  }
} finally {
  await database.close()
  const fs = await import('node:fs/promises')
  await fs.rm(dataDir, { recursive: true, force: true })
}
