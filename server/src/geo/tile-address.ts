/** A Web Mercator tile address, as in `/api/tiles/{layer}/{z}/{x}/{y}.mvt`. */
export type TileAddress = { z: number; x: number; y: number }

/** The tile holding a lon/lat point at zoom z (slippy-map tile names). */
export function tileAt(lon: number, lat: number, z: number): TileAddress {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  }
}

/** The centre of a tile in lon/lat. */
export function tileCentre({ z, x, y }: TileAddress): { lon: number; lat: number } {
  const n = 2 ** z
  return {
    lon: ((x + 0.5) / n) * 360 - 180,
    lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 0.5)) / n))) * 180) / Math.PI,
  }
}
