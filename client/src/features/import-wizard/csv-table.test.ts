import { describe, expect, it } from 'vitest'
import { parseCsv, writeCsv } from './csv-table.js'

describe('parseCsv', () => {
  it('reads quoted fields with separators, quotes and line breaks inside', () => {
    const table = parseCsv('name,address\r\n"Works, Ltd","1 ""Main"" St\nBlock 2"\r\n')
    expect(table.records).toEqual([
      ['name', 'address'],
      ['Works, Ltd', '1 "Main" St\nBlock 2'],
    ])
  })

  it('drops a BOM and detects semicolon separators from the header', () => {
    const table = parseCsv('\uFEFFname;quantity\nA;1,5\n')
    expect(table.delimiter).toBe(';')
    expect(table.records).toEqual([
      ['name', 'quantity'],
      ['A', '1,5'],
    ])
  })
})

describe('writeCsv', () => {
  it('round-trips what parseCsv read', () => {
    const source = 'name;note\nA;"x;y"\nB;"say ""hi"""\n'
    const table = parseCsv(source)
    expect(parseCsv(writeCsv(table)).records).toEqual(table.records)
  })
})
