import { formatEwcCode } from '../../contract/codes.js'
import type { MatchingFactors } from './knowledge.js'
import type { CandidateRow, StreamForScoring } from './score.js'
import { divertsFromDisposal } from './score.js'

const km = (value: number) => `${Math.round(value).toLocaleString('en')} km`
const tonnes = (value: number) => `${Number(value.toPrecision(3)).toLocaleString('en')} t/yr`

type Measures = { straightKm: number; roadKm: number; tonnes: number; factors: MatchingFactors }

/** Why a candidate is one, in words, strongest ground first ("permit R4 for 12 01 01 at 38 km"). */
export function candidateReasons(stream: StreamForScoring, row: CandidateRow, m: Measures): string[] {
  const code = formatEwcCode(stream.ewcCode)
  return [
    ground(stream, row, code, m.roadKm),
    `${km(m.roadKm)} by road (${km(m.straightKm)} straight × ${m.factors.values.detour_factor} detour)` +
      (row.maxDistanceKm === null ? '' : `, within the receiver's limit of ${km(row.maxDistanceKm)}`),
    quantity(stream.quantityTonnesPerYear, row.receiverQuantityT, m.tonnes),
    ...(stream.hazardous
      ? [`hazardous: the receiver holds a permit allowing hazardous waste for ${code}`]
      : []),
    divertsFromDisposal(stream.routeCode)
      ? `today ${stream.routeCode ?? 'no known route'}: ${tonnes(m.tonnes)} kept out of disposal`
      : `today already recovered (${stream.routeCode}): no landfill diverted`,
  ]
}

function ground(stream: StreamForScoring, row: CandidateRow, code: string, roadKm: number): string {
  const needText = row.needDescription ? ` ("${row.needDescription}")` : ''
  switch (row.fit) {
    case 'need_exact':
      return `resource need naming ${code} exactly${needText}`
    case 'need_subchapter':
      return `resource need naming sub-chapter ${formatEwcCode(stream.ewcCode.slice(0, 4))}${needText}`
    case 'need_chapter':
      return `resource need naming chapter ${stream.ewcCode.slice(0, 2)}${needText}`
    case 'need_category':
      return `resource need for ${stream.categoryName.toLowerCase()} (material category)${needText}`
    case 'permit_exact':
    case 'permit_subchapter':
    case 'permit_chapter': {
      const number = row.permitNumber ? ` ${row.permitNumber}` : ''
      const left = row.receiverQuantityT === null ? '' : `, ${tonnes(row.receiverQuantityT)} capacity left`
      return `permit${number} ${row.operation ?? ''} for ${code} at ${km(roadKm)}${left}`
    }
    case 'sector':
      return `sector ${row.receiverNaceCode} ${row.receiverNaceTitle} uses ${stream.categoryName.toLowerCase()} (${row.operation ?? 'R'}: ${row.sectorUse ?? 'input material'})`
  }
}

function quantity(streamT: number, receiverT: number | null, exchanged: number): string {
  if (receiverT === null) return `takes an unstated quantity: all ${tonnes(streamT)} assumed`
  if (exchanged >= streamT) return `can take all ${tonnes(streamT)} (states ${tonnes(receiverT)})`
  return `can take ${tonnes(exchanged)} of ${tonnes(streamT)}`
}
