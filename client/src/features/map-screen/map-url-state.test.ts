import { describe, expect, it } from 'vitest'
import { defaultLayers } from '../../map/map-display.js'
import { type MapUrlState, parseMapUrl, writeMapUrl } from './map-url-state.js'

const full: MapUrlState = {
  camera: { zoom: 11.25, lat: 40.41234, lon: 49.86789 },
  filters: {
    regionId: 4,
    nace: '23.51',
    sizeClass: 'large',
    ewc: '1001',
    hazardous: true,
    surveyYear: 2024,
    route: 'R5',
    byproduct: false,
    q: 'cement',
  },
  display: {
    colourBy: 'route',
    measure: 'recoveryRate',
    regionLevel: 'admin2',
    layers: { enterprises: false, hexbins: true, sites: true },
  },
  enterpriseId: 12,
  selectedRegionId: 3,
}

const roundTrip = (state: MapUrlState) => parseMapUrl(new URLSearchParams(writeMapUrl(state).toString()))

describe('the map URL', () => {
  it('reads back everything it wrote', () => {
    expect(roundTrip(full)).toEqual(full)
  })

  it('reads an empty URL as the default view', () => {
    expect(parseMapUrl(new URLSearchParams())).toEqual({
      camera: undefined,
      filters: {},
      display: {
        colourBy: 'ewc',
        measure: 'totalTonnesPerYear',
        regionLevel: undefined,
        layers: defaultLayers,
      },
      enterpriseId: undefined,
      selectedRegionId: undefined,
    })
  })

  it('leaves defaults out of the URL', () => {
    expect(writeMapUrl(parseMapUrl(new URLSearchParams())).toString()).toBe('')
  })

  it('keeps "no choropleth" and "no layers" apart from the defaults', () => {
    const state = roundTrip({
      ...full,
      display: {
        ...full.display,
        measure: null,
        layers: { enterprises: false, hexbins: false, sites: false },
      },
    })
    expect(state.display.measure).toBeNull()
    expect(state.display.layers).toEqual({ enterprises: false, hexbins: false, sites: false })
  })

  it('ignores values that do not parse, keeping the good ones', () => {
    const state = parseMapUrl(
      new URLSearchParams(
        'z=99&lat=40&lon=49&ewc=banana&hazardous=yes&surveyYear=1800&route=R99&sizeClass=huge' +
          '&nace=23.51&colour=rainbow&measure=profit&layers=lasers&enterprise=-3&selectedRegion=x&level=<b>',
      ),
    )
    expect(state.camera).toBeUndefined()
    expect(state.filters).toEqual({ nace: '23.51' })
    expect(state.display).toEqual({
      colourBy: 'ewc',
      measure: 'totalTonnesPerYear',
      regionLevel: undefined,
      layers: defaultLayers,
    })
    expect(state.enterpriseId).toBeUndefined()
    expect(state.selectedRegionId).toBeUndefined()
  })

  it('normalises codes the way the API does', () => {
    const { filters } = parseMapUrl(new URLSearchParams('ewc=10 01 02&nace=2351&q=%20fly%20ash%20'))
    expect(filters).toEqual({ ewc: '100102', nace: '23.51', q: 'fly ash' })
  })

  it('needs all three of z, lat and lon for a camera', () => {
    expect(parseMapUrl(new URLSearchParams('z=10&lat=40.4')).camera).toBeUndefined()
    expect(parseMapUrl(new URLSearchParams('z=10&lat=40.4&lon=')).camera).toBeUndefined()
    expect(parseMapUrl(new URLSearchParams('z=10&lat=40.4&lon=49.9')).camera).toEqual({
      zoom: 10,
      lat: 40.4,
      lon: 49.9,
    })
  })
})
