import { type Weighted, weights } from './random.js'
import type { MaterialCategory } from './waste-kinds.js'

/**
 * Industrial sectors of the synthetic country: which NACE Rev.2 classes (fixtures/nace) they
 * cover, how common they are, and which EWC entries their processes produce (on top of the
 * packaging, oils and general waste every site has). Weights are rough shares of enterprises in
 * a manufacturing economy (food, metal products, apparel, furniture and wood lead), not data.
 */
export type Sector = {
  id: string
  /** Relative share of enterprises. */
  weight: number
  naceClasses: Weighted<string>
  /** EWC entries typical of the sector's processes. */
  processWaste: Weighted<string>
  /** Chance that a stream of this sector is a hazardous entry (about 0.1 across the country). */
  hazardousShare: number
}

export const sectors: readonly Sector[] = [
  {
    id: 'meat_fish',
    weight: 4,
    naceClasses: weights('10.11:3 10.12:1.5 10.13:2 10.20:1'),
    processWaste: weights('020202:4 020203:2 020201:1 020204:1.5'),
    hazardousShare: 0.04,
  },
  {
    id: 'fruit_vegetables_oils_grain',
    weight: 4,
    naceClasses: weights(
      '10.31:1 10.32:1 10.39:2 10.41:1 10.61:1.5 10.62:0.3 10.81:0.4 10.83:0.8 10.84:0.5 10.89:1.5',
    ),
    processWaste: weights('020304:4 020301:2 020305:1.5'),
    hazardousShare: 0.04,
  },
  {
    id: 'dairy',
    weight: 2.5,
    naceClasses: weights('10.51:4 10.52:1'),
    processWaste: weights('020501:3 020502:2'),
    hazardousShare: 0.04,
  },
  {
    id: 'bakery_confectionery',
    weight: 8,
    naceClasses: weights('10.71:6 10.72:1.5 10.73:1 10.82:1.5 10.85:1'),
    processWaste: weights('020601:4 020603:1'),
    hazardousShare: 0.03,
  },
  {
    id: 'beverages',
    weight: 2.5,
    naceClasses: weights('11.01:1 11.02:2 11.05:1 11.06:0.3 11.07:2'),
    processWaste: weights('020701:2 020702:1.5 020704:2 020705:1.5'),
    hazardousShare: 0.04,
  },
  {
    id: 'animal_feed',
    weight: 0.8,
    naceClasses: weights('10.91:3 10.92:1'),
    processWaste: weights('020304:2 020301:1'),
    hazardousShare: 0.04,
  },
  {
    id: 'textiles_apparel',
    weight: 7,
    naceClasses: weights('13.10:1 13.20:1.5 13.30:1 13.92:1.5 13.99:0.8 14.12:1.5 14.13:4 14.19:1.5 14.39:1'),
    processWaste: weights('040222:4 040221:2 040209:1 040215:1.5 040214:0.6 040216:0.5'),
    hazardousShare: 0.07,
  },
  {
    id: 'leather_footwear',
    weight: 1.5,
    naceClasses: weights('15.11:1 15.12:1 15.20:2'),
    processWaste: weights('040108:3 040101:2 040104:1 040106:1'),
    hazardousShare: 0.06,
  },
  {
    id: 'wood',
    weight: 5,
    naceClasses: weights('16.10:4 16.21:0.7 16.23:3 16.24:1 16.29:1.5'),
    processWaste: weights('030105:6 030101:2 150103:1.5 030104:0.7 030201:0.4'),
    hazardousShare: 0.08,
  },
  {
    id: 'paper',
    weight: 1.5,
    naceClasses: weights('17.11:0.2 17.12:1 17.21:2 17.22:1 17.29:1'),
    processWaste: weights('030307:1 030308:2 030310:2 030311:1.5 030305:1'),
    hazardousShare: 0.05,
  },
  {
    id: 'printing',
    weight: 4,
    naceClasses: weights('18.11:0.5 18.12:6 18.13:1 18.14:0.5'),
    processWaste: weights('080313:2 080312:1 080318:1.5 150101:3'),
    hazardousShare: 0.14,
  },
  {
    id: 'petroleum',
    weight: 0.2,
    naceClasses: weights('19.10:0.5 19.20:3'),
    processWaste: weights('050103:2 050102:1 050109:1 050110:2 050117:1 050116:1 050601:0.3'),
    hazardousShare: 0.45,
  },
  {
    id: 'chemicals',
    weight: 3,
    naceClasses: weights('20.13:1 20.14:1 20.15:0.6 20.16:0.8 20.30:1.5 20.41:1.5 20.42:1 20.52:0.5 20.59:1'),
    processWaste: weights(
      '070101:1.5 070108:1 070112:2 070201:0.5 070208:0.5 070213:1.5 070612:1 080111:1 080112:1.5 060314:1 060316:0.5',
    ),
    hazardousShare: 0.3,
  },
  {
    id: 'pharmaceuticals',
    weight: 0.5,
    naceClasses: weights('21.10:1 21.20:3'),
    processWaste: weights('070501:2 070512:2 070514:2 070704:1'),
    hazardousShare: 0.3,
  },
  {
    id: 'rubber_plastics',
    weight: 4,
    naceClasses: weights('22.11:0.4 22.19:1 22.21:2 22.22:3 22.23:1 22.29:2'),
    processWaste: weights('070213:3 120105:3 160103:1 070299:1.5 080410:0.8 080409:0.4'),
    hazardousShare: 0.07,
  },
  {
    id: 'glass',
    weight: 0.8,
    naceClasses: weights('23.11:0.3 23.12:1 23.13:0.6 23.14:0.2 23.19:0.8'),
    processWaste: weights('101112:4 101103:1 101111:0.5'),
    hazardousShare: 0.05,
  },
  {
    id: 'ceramics_bricks',
    weight: 1.5,
    naceClasses: weights('23.20:0.3 23.31:0.6 23.32:1.5 23.41:0.5 23.42:0.3 23.49:0.5'),
    processWaste: weights('101208:4 101201:2 101206:1'),
    hazardousShare: 0.04,
  },
  {
    id: 'cement_concrete_stone',
    weight: 3,
    naceClasses: weights('23.51:0.3 23.52:0.4 23.61:3 23.63:2 23.64:0.6 23.69:1 23.70:2'),
    processWaste: weights('101306:2 101301:1.5 101314:4 101304:1 010413:2 010410:1'),
    hazardousShare: 0.05,
  },
  {
    id: 'basic_metals',
    weight: 0.8,
    naceClasses: weights(
      '24.10:1 24.20:0.6 24.33:0.5 24.34:0.5 24.42:0.4 24.44:0.3 24.51:1 24.52:0.6 24.53:0.8 24.54:0.5',
    ),
    processWaste: weights(
      '100202:3 100201:1 100208:1.5 100207:1 100210:2 100903:2 100906:1 100908:2 100910:1 100316:0.8 100308:0.4 100315:0.2',
    ),
    hazardousShare: 0.15,
  },
  {
    id: 'fabricated_metal',
    weight: 13,
    naceClasses: weights(
      '25.11:5 25.12:2 25.29:0.8 25.50:1 25.61:1.5 25.62:4 25.73:1 25.93:1 25.94:0.8 25.99:2',
    ),
    processWaste: weights(
      '120101:5 120102:1 120103:1.5 120113:2 120109:1.2 120118:0.6 120121:0.8 110109:0.6 110105:0.5 110110:0.6 080111:0.6 080112:1 120117:0.8 120116:0.3',
    ),
    hazardousShare: 0.15,
  },
  {
    id: 'electronics_electrical',
    weight: 3,
    naceClasses: weights(
      '26.11:0.6 26.12:0.6 26.20:0.3 26.51:0.6 27.11:1 27.12:1 27.20:0.3 27.32:0.8 27.40:0.8 27.51:0.6 27.90:1',
    ),
    processWaste: weights('160214:2 160216:2 160213:0.8 120103:1.5 160605:0.4 070213:1'),
    hazardousShare: 0.12,
  },
  {
    id: 'machinery_vehicles',
    weight: 7,
    naceClasses: weights(
      '28.11:0.4 28.13:0.6 28.14:0.5 28.15:0.4 28.22:0.7 28.25:0.7 28.29:1.5 28.30:0.8 28.41:0.3 28.49:0.4 28.92:0.5 28.93:0.6 28.99:1 29.10:0.3 29.20:0.6 29.32:1.2 30.11:0.3 30.20:0.3 30.99:0.2',
    ),
    processWaste: weights('120101:4 120103:1 120113:1.5 120109:1 080111:0.8 080112:1 160214:0.6'),
    hazardousShare: 0.14,
  },
  {
    id: 'furniture',
    weight: 5,
    naceClasses: weights('31.01:1 31.02:1.5 31.03:0.5 31.09:4'),
    processWaste: weights('030105:4 150103:1 080112:1 080111:0.5 040222:0.5 070213:0.5'),
    hazardousShare: 0.08,
  },
  {
    id: 'other_manufacturing',
    weight: 3,
    naceClasses: weights('32.12:1 32.30:0.5 32.40:0.5 32.50:1 32.99:2'),
    processWaste: weights('070213:1 120103:1 150106:1'),
    hazardousShare: 0.08,
  },
  {
    id: 'repair_installation',
    weight: 5,
    naceClasses: weights('33.11:1 33.12:3 33.14:1 33.15:0.3 33.17:0.5 33.20:1.5'),
    processWaste: weights('160214:1 120101:1.5 150202:1 160601:0.5 160103:0.5 170405:1.5'),
    hazardousShare: 0.18,
  },
  {
    // Not manufacturing, but the country needs treatment sites: the permit holders of issue 4's
    // map and issue 6's matching come mostly from here.
    id: 'waste_management',
    weight: 0.8,
    naceClasses: weights('38.11:1 38.12:0.3 38.21:1.5 38.22:0.4 38.32:2'),
    processWaste: weights(
      '191212:4 191201:1.5 191202:1.5 191210:1 190814:1 190112:0.8 190111:0.3 190203:0.8 190204:0.3 161002:0.5',
    ),
    hazardousShare: 0.12,
  },
]

/** Waste every site produces whatever it makes: packaging, used oil, general waste. */
export const commonWaste: Weighted<string> = weights(
  '150101:4 150102:3.5 150103:1 150104:0.7 150106:2 150107:0.3 200301:4 170405:0.6 150203:0.5 150110:0.8 150202:0.8 130205:1 130208:0.3 130507:0.3 200121:0.2 160601:0.2',
)

/** Classes dominated by large plants: their size mix leans to medium and large. */
export const heavyIndustry: ReadonlySet<string> = new Set(
  '17.11 17.12 19.10 19.20 20.13 20.14 20.15 20.16 23.11 23.13 23.51 23.52 24.10 24.20 24.42 24.44 29.10'.split(
    ' ',
  ),
)

/** A permit a site of this class typically holds: operation, accepted EWC codes or prefixes. */
export type PermitTemplate = {
  operation: string
  acceptedEwc: readonly string[]
  hazardousAllowed: boolean
  medianCapacityTonnes: number
}

function permit(
  operation: string,
  acceptedEwc: string,
  medianCapacityTonnes: number,
  hazardousAllowed = false,
) {
  return { operation, acceptedEwc: acceptedEwc.split(' '), hazardousAllowed, medianCapacityTonnes }
}

export const permitTemplates: Readonly<Record<string, readonly PermitTemplate[]>> = {
  // waste operators: collection and storage, landfill and composting, hazardous treatment, recycling
  '38.11': [permit('R13', '1501 2001 2003', 20_000)],
  '38.12': [permit('D15', '13 1501 1502 1606 0801', 5_000, true)],
  '38.21': [
    permit('D1', '17 19 20 1013 1012 0203', 80_000),
    permit('R3', '0202 0203 0206 0207 0301 2002', 15_000),
  ],
  '38.22': [
    permit('D10', '07 08 13 150110 150202 0501', 10_000, true),
    permit('D9', '06 1101 1201 161001', 8_000, true),
    permit('R9', '1302 1305 120109', 6_000, true),
  ],
  '38.32': [
    permit('R4', '1201 1702 1704 191202 150104 160216', 25_000),
    permit('R3', '150101 150102 200101 200139 191201 070213', 12_000),
    permit('R5', '1701 101208 101314 150107 200102', 30_000),
  ],
  // manufacturers that take waste as raw material
  '23.51': [
    permit('R5', '1001 1002 1009 1013 1701 190112', 150_000),
    permit('R1', '160103 191210 0301 1302', 40_000, true),
  ],
  '23.32': [permit('R5', '1001 1012 101201 010413', 20_000)],
  '23.63': [permit('R5', '100202 101314 1701', 15_000)],
  '24.10': [permit('R4', '1201 1704 191202 100210 150104', 200_000)],
  '24.51': [permit('R4', '120101 170405 191202', 20_000)],
  '24.53': [permit('R4', '120103 170402 100316', 10_000)],
  '17.12': [permit('R3', '150101 200101 191201 030308', 60_000)],
  '23.13': [permit('R5', '101112 150107 200102 191205', 30_000)],
  '16.21': [permit('R3', '030105 030101 150103 170201 200138', 25_000)],
  '22.21': [permit('R3', '070213 120105 150102 200139', 5_000)],
  '10.91': [permit('R3', '0203 0206 020704', 8_000)],
}

/** What a site of this class looks for as input: EWC codes or prefixes and a material category. */
export type NeedTemplate = {
  ewcCodes: readonly string[]
  materialCategory: MaterialCategory
  description: string
}

function need(materialCategory: MaterialCategory, ewcCodes: string, description: string): NeedTemplate {
  return { ewcCodes: ewcCodes.split(' '), materialCategory, description }
}

export const needTemplates: Readonly<Record<string, readonly NeedTemplate[]>> = {
  '23.51': [
    need('ashes_slags', '100102 1002', 'Fly ash and slag for blended cement'),
    need('mixed', '160103 191210', 'Alternative fuels for the kiln'),
  ],
  '23.52': [need('mineral_construction', '1013', 'Lime-rich residues')],
  '23.61': [need('ashes_slags', '100202 1701', 'Slag and crushed concrete as aggregate')],
  '23.63': [need('ashes_slags', '100102 100202', 'Fly ash and slag for concrete')],
  '23.32': [need('mineral_construction', '010413 1012', 'Clay and stone fines')],
  '24.10': [need('metals_ferrous', '1201 1704 191202', 'Steel scrap')],
  '24.51': [need('metals_ferrous', '120101 170405', 'Cast-iron and steel scrap')],
  '24.53': [need('metals_non_ferrous', '120103 100316', 'Aluminium scrap and skimmings')],
  '17.12': [need('paper_cardboard', '150101 200101', 'Recovered paper and board')],
  '17.21': [need('paper_cardboard', '150101', 'Recovered board')],
  '23.13': [need('glass', '101112 150107', 'Clean cullet')],
  '16.21': [need('wood', '030105 150103', 'Sawdust, chips and pallets for board')],
  '22.21': [need('plastics', '070213 150102', 'Clean plastic regrind')],
  '22.22': [need('plastics', '150102', 'Clean film for regranulate')],
  '10.91': [need('organic_food', '020304 020704', 'Spent grain and food residues for feed')],
  '38.21': [need('organic_food', '0203 0206 0207', 'Organic residues for composting and biogas')],
  '38.32': [need('mixed', '150101 150102 150104', 'Sorted packaging')],
}
