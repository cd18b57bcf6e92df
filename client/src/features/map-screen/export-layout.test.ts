import { describe, expect, it } from 'vitest'
import { type ExportContent, layoutExport, wrap } from './export-layout.js'

// a monospace stand-in for the browser's text measure: 7 px a character
const measure = (text: string) => text.length * 7

const content: ExportContent = {
  mapWidth: 800,
  mapHeight: 500,
  title: 'Waste map: Absheron–Baku pilot region (demo)',
  subtitle: 'Filters: hazardous streams',
  footer: '© Natural Earth · Loopmap, 2025-03-07',
  legend: [
    {
      title: 'Enterprises: EWC chapter with most tonnes',
      items: [
        {
          swatch: { shape: 'circle', colour: '#d62728', radius: 6 },
          label: '10 Wastes from thermal processes',
        },
        { swatch: { shape: 'circle', colour: '#c9ccce', radius: 28 }, label: '90,000 t/year' },
      ],
    },
  ],
}

describe('layoutExport', () => {
  it('puts the map under the title at its own size, the legend beside it and the footer below', () => {
    const layout = layoutExport(content, measure)
    expect(layout.map.width).toBe(800)
    expect(layout.map.height).toBe(500)
    expect(layout.map.y).toBeGreaterThan(40)
    expect(layout.legend.x).toBe(800)
    expect(layout.width).toBe(800 + layout.legend.width)
    const footer = layout.texts.find((text) => text.text.startsWith('©'))
    expect(footer?.y).toBeGreaterThan(layout.map.y + layout.map.height)
    expect(layout.height).toBeGreaterThan(footer?.y ?? Infinity)
  })

  it('writes every legend label inside the legend column, clear of its swatch', () => {
    const layout = layoutExport(content, measure)
    for (const item of content.legend[0]!.items) {
      const text = layout.texts.find((placed) => item.label.startsWith(placed.text))
      const swatch = layout.swatches.find((placed) => placed.swatch === item.swatch)
      expect(text && swatch).toBeTruthy()
      const radius = item.swatch.shape === 'circle' ? item.swatch.radius : 8
      expect(text!.x).toBeGreaterThan(swatch!.cx + radius)
      expect(text!.x + measure(text!.text)).toBeLessThanOrEqual(layout.width)
    }
  })

  it('grows the picture when the legend is taller than the map', () => {
    const many = {
      ...content,
      mapHeight: 100,
      legend: [
        {
          title: 'Many',
          items: Array.from({ length: 30 }, (_, i) => ({
            swatch: { shape: 'fill' as const, colour: '#000' },
            label: `class ${i}`,
          })),
        },
      ],
    }
    const layout = layoutExport(many, measure)
    expect(layout.legend.height).toBeGreaterThan(100)
    const lastLabel = layout.texts.find((text) => text.text === 'class 29')
    expect(lastLabel!.y).toBeLessThan(layout.legend.y + layout.legend.height)
  })
})

describe('wrap', () => {
  it('breaks at words to fit the width, keeping an overlong word whole', () => {
    expect(wrap('aaa bbb ccc', 'f', 7 * 7, measure)).toEqual(['aaa bbb', 'ccc'])
    expect(wrap('abcdefghijkl', 'f', 35, measure)).toEqual(['abcdefghijkl'])
    expect(wrap('  ', 'f', 100, measure)).toEqual([])
  })
})
