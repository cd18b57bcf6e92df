import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createDatabaseIfMissing } from './bench-databases.js'

// `npm run bench:national -- [--enterprises 1000000] [--reload] [--only totals,tiles,matching,imports]`
// Issue 14's benchmarks at national scale, one after another on one synthetic country in
// PostgreSQL (BENCH_DATABASE_URL, default loopmap_bench on the local server): loads it with
// `npm run synth` when it holds another size (or --reload), timing the load and its peak memory,
// then runs each bench script with `--enterprises N`, passes their tables through, and ends with
// every target row they printed (PASS / MISS) in one list.
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    reload: { type: 'boolean', default: false },
    only: { type: 'string', default: 'totals,tiles,matching,imports' },
  },
})
const enterprises = Number(values.enterprises)
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loopmap_bench'
const targets: string[] = []

await createDatabaseIfMissing(url)
const held = await syntheticEnterprises(url)
if (values.reload || held !== enterprises) {
  if (held !== null && held > 0) await run('scripts/synth.ts', ['--enterprises', '0', '--reset'])
  const started = performance.now()
  const output = await run('scripts/synth.ts', ['--enterprises', String(enterprises)])
  const seconds = (performance.now() - started) / 1000
  const megabytes = Number(/peak memory (\d+) MB/.exec(output)?.[1] ?? Number.NaN)
  const pass = seconds <= 180 && megabytes <= 500
  targets.push(
    `| ${enterprises.toLocaleString('en')} synthetic load | ${seconds.toFixed(0)} s, ${megabytes} MB RSS | ≤ 180 s, ≤ 500 MB | ${pass ? 'PASS' : 'MISS'} |`,
  )
} else {
  targets.push(
    `| synthetic load | reused (${held.toLocaleString('en')} enterprises held); --reload to time it | ≤ 180 s, ≤ 500 MB | not run |`,
  )
}

const sizeArgs = ['--enterprises', String(enterprises)]
const benches: Record<string, string[]> = {
  totals: sizeArgs,
  tiles: [...sizeArgs, '--pglite-enterprises', '0'],
  matching: sizeArgs,
  imports: [],
}
for (const name of values.only.split(',')) {
  const script = `scripts/bench/${name}.ts`
  const args = benches[name]
  if (!args || !existsSync(script)) {
    targets.push(`| ${name} | no such bench | | not run |`)
    continue
  }
  const output = await run(script, args)
  for (const line of output.split('\n'))
    if (/\b(PASS|MISS|NOT met)\b/.test(line)) targets.push(`${name}: ${line}`)
}
console.log('\n## Every target row of this run\n')
for (const line of targets) console.log(line)

/** Runs a script with tsx against the bench database; its output is shown and returned. */
function run(script: string, args: string[]): Promise<string> {
  console.log(`\n$ tsx ${script} ${args.join(' ')}`)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: url, BENCH_DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      process.stdout.write(chunk)
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${script} exited with ${code}`)),
    )
  })
}

/** How many synthetic enterprises the bench database holds; null when it does not exist yet. */
async function syntheticEnterprises(connectionString: string): Promise<number | null> {
  const client = new pg.Client({ connectionString })
  try {
    await client.connect()
  } catch {
    return null
  }
  try {
    const result = await client.query<{ n: number }>(
      `select count(*)::int as n from enterprises where national_id like 'SYN-%'`,
    )
    return result.rows[0]?.n ?? 0
  } catch {
    return 0
  } finally {
    await client.end()
  }
}
