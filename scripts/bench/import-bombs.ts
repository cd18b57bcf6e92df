import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { readXlsx } from '../../server/src/features/imports/readers.js'
import { bombs } from '../../server/test/xlsx-files.js'

// `npx tsx scripts/bench/import-bombs.ts [--skip-before]`
// Issue 13's three XLSX files (a 300 MB shared string, a 1 GiB-whitespace sheet, a 2M-row sheet),
// each read in a fresh process by the import's XLSX reader ("after") and by exceljs' streaming
// WorkbookReader as the import used it before ("before"): peak RSS, time, and how it ended.
// Only the reader runs: nothing reaches a database. Figures go into the README / docs.

const script = fileURLToPath(import.meta.url)
const MB = 1024 * 1024

async function child(reader: string, file: string) {
  const bytes = fs.readFileSync(file)
  const started = performance.now()
  let rows = 0
  let outcome = 'read to the end'
  try {
    if (reader === 'after') {
      for await (const _row of readXlsx(Readable.from([bytes]))) rows += 1
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'ignore',
        worksheets: 'emit',
        entries: 'ignore',
      })
      for await (const worksheet of workbook) for await (const _row of worksheet) rows += 1
    }
  } catch (error) {
    outcome = error instanceof Error ? error.message.slice(0, 100) : String(error)
  }
  const seconds = (performance.now() - started) / 1000
  const peakMb = process.resourceUsage().maxRSS / 1024
  console.log(JSON.stringify({ rows, seconds, peakMb, outcome }))
}

async function main() {
  const skipBefore = process.argv.includes('--skip-before')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopmap-bombs-'))
  const files = {
    'shared string 300 MB': await bombs.sharedString(300),
    'whitespace 1 GiB': await bombs.whitespace(1024),
    'whitespace 1 GiB, size hidden': await bombs.whitespace(1024, { hideSize: true }),
    'rows 2,000,000': await bombs.rows(2_000_000),
  }
  console.log('| file | size | reader | peak RSS | time | outcome |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`)
    fs.writeFileSync(file, bytes)
    for (const reader of skipBefore ? ['after'] : ['before', 'after']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--child', reader, file], {
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 16 * MB,
      })
      const line = run.stdout.trim().split('\n').pop() ?? ''
      let result: { rows: number; seconds: number; peakMb: number; outcome: string }
      try {
        result = JSON.parse(line)
      } catch {
        const why = run.error ? run.error.message : `exit ${run.status} ${run.signal ?? ''}`
        console.log(`| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${reader} | — | — | ${why} |`)
        continue
      }
      console.log(
        `| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${reader} | ${result.peakMb.toFixed(0)} MB | ${result.seconds.toFixed(1)} s | ${result.outcome} (${result.rows} rows) |`,
      )
    }
  }
  fs.rmSync(dir, { recursive: true, force: true })
}

const at = process.argv.indexOf('--child')
if (at >= 0) await child(process.argv[at + 1] ?? 'after', process.argv[at + 2] ?? '')
else await main()
