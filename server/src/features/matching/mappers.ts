import type { StreamSummary } from '../../contract/matching.js'
import type { StreamForScoring } from './score.js'

export function toStreamSummary(
  stream: StreamForScoring,
  text: { description: string | null; ewc_description: string },
): StreamSummary {
  return {
    id: stream.id,
    enterpriseId: stream.enterpriseId,
    enterpriseName: stream.enterpriseName,
    ewcCode: stream.ewcCode,
    ewcDescription: text.ewc_description,
    description: text.description,
    hazardous: stream.hazardous,
    quantityTonnesPerYear: stream.quantityTonnesPerYear,
    routeCode: stream.routeCode,
    categoryId: stream.categoryId,
    categoryName: stream.categoryName,
    location: { type: 'Point', coordinates: [stream.lon, stream.lat] },
  }
}
