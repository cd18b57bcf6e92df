import { describe, expect, it } from 'vitest'
import { formatEwcCode, normaliseEwcCode, normaliseNaceCode } from './codes.js'

describe('normaliseEwcCode', () => {
  it.each([
    ['100102', '100102'],
    ['10 01 02', '100102'],
    ['10.01.02', '100102'],
    [' 10 01 02* ', '100102'],
    ['10', '10'],
    ['10 01', '1001'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseEwcCode(input)).toBe(expected)
  })

  it.each(['', '1', '10010', '1001022', '10-01-02', 'ab', '10 01 0x', '10  01 02'])('refuses %j', (input) => {
    expect(normaliseEwcCode(input)).toBeUndefined()
  })

  it('formats digits the way the List of Waste prints them', () => {
    expect(formatEwcCode('100102')).toBe('10 01 02')
    expect(formatEwcCode('1001')).toBe('10 01')
    expect(formatEwcCode('10')).toBe('10')
  })
})

describe('normaliseNaceCode', () => {
  it.each([
    ['C', 'C'],
    ['c', 'C'],
    ['10', '10'],
    ['10.1', '10.1'],
    ['10.11', '10.11'],
    ['1011', '10.11'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseNaceCode(input)).toBe(expected)
  })

  it.each(['V', '1', '10.111', 'CC', '10-11', ''])('refuses %j', (input) => {
    expect(normaliseNaceCode(input)).toBeUndefined()
  })
})
