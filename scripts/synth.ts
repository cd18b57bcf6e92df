import { parseArgs } from 'node:util'
import { prepareDatabase } from '../server/src/seed/index.js'
import { streamSyntheticCountry } from './synth/generate.js'
import { loadSyntheticCountry, syntheticRowCounts } from './synth/load.js'
import { withConfiguredDatabase } from './open-database.js'
import { resetSyntheticCountry } from './synth/reset.js'

// `tsx scripts/synth.ts --enterprises 100000 [--streams-per-enterprise 3] [--seed 1] [--reset]`
// Loads "Synthland (synthetic)", a fictional country for benchmarks (issues 4, 5, 6), into
// DATABASE_URL or the embedded database. --reset first deletes an earlier synthetic load;
// --enterprises 0 --reset only deletes. See scripts/synth/README.md.
const usage = 'usage: tsx scripts/synth.ts --enterprises N [--streams-per-enterprise 3] [--seed 1] [--reset]'
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string' },
    'streams-per-enterprise': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
if (values.help || values.enterprises === undefined) {
  console.log(usage)
  process.exit(values.help ? 0 : 2)
}
const enterprises = Number(values.enterprises)
const streamsPerEnterprise = Number(values['streams-per-enterprise'])
const seed = Number(values.seed)
if (
  !Number.isInteger(enterprises) ||
  enterprises < 0 ||
  !(streamsPerEnterprise >= 1) ||
  !Number.isInteger(seed)
) {
  console.error(usage)
  process.exit(2)
}

await withConfiguredDatabase(async (database, config) => {
  console.log(`Database: ${database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : config.dataDir}`)
  await prepareDatabase(database, { demo: false, log: console.log })
  if (values.reset) {
    const reset = await resetSyntheticCountry(database.db)
    console.log(
      `Deleted the earlier synthetic data: ${reset.enterprises} enterprises, ${reset.regions} regions in ${(reset.millis / 1000).toFixed(1)} s.`,
    )
  } else {
    const present = await syntheticRowCounts(database.db)
    if (present.enterprises > 0 || present.regions > 0) {
      console.error(
        `Synthetic data is already loaded (${present.enterprises} enterprises); run again with --reset to replace it.`,
      )
      process.exitCode = 1
    }
  }
  if (enterprises > 0 && process.exitCode === undefined) {
    const start = performance.now()
    // generated while it loads, a chunk at a time: memory stays flat whatever the size
    const report = await loadSyntheticCountry(
      database.db,
      streamSyntheticCountry({ enterprises, streamsPerEnterprise, seed }),
      {
        log: console.log,
        copyUrl: database.kind === 'postgres' ? config.databaseUrl : undefined,
      },
    )
    console.log(
      `Generated and loaded ${report.enterprises} enterprises, ${report.wasteStreams} waste streams, ` +
        `${report.permits} permits, ${report.resourceNeeds} resource needs, ${report.regions} regions ` +
        `(seed ${seed}) in ${((performance.now() - start) / 1000).toFixed(1)} s, ${report.commits} commits` +
        `${database.kind === 'postgres' ? ' (COPY)' : ' (INSERT)'}; peak memory ` +
        `${Math.round(process.resourceUsage().maxRSS / 1024)} MB RSS.`,
    )
  }
})
