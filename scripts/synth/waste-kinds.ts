import type { WasteStreamTable } from '../../server/src/db/schema.js'
import { type Weighted, weights } from './random.js'

/**
 * The waste a synthetic enterprise can report: real six-digit codes of the European List of Waste
 * (fixtures/ewc), each with its hazardous mark as the list has it (server/src/seed/synth.test.ts
 * checks both against the fixture), the material it is, its usual physical state and a typical
 * quantity. Plausibility, not statistics: the figures are invented.
 */
export type MaterialCategory =
  | 'metals_ferrous'
  | 'metals_non_ferrous'
  | 'plastics'
  | 'paper_cardboard'
  | 'glass'
  | 'wood'
  | 'textiles'
  | 'organic_food'
  | 'mineral_construction'
  | 'ashes_slags'
  | 'sludges'
  | 'oils_solvents'
  | 'chemicals'
  | 'mixed'

export type WasteKind = {
  ewcCode: string
  hazardous: boolean
  category: MaterialCategory
  physicalState: NonNullable<WasteStreamTable['physical_state']>
  /** Median tonnes per year at a medium-sized enterprise. */
  medianTonnes: number
  /** Set for liquids and sludges, which surveys often report in m3 or litres. */
  densityTPerM3?: number
  description: string
}

type Row = [string, 0 | 1, MaterialCategory, WasteKind['physicalState'], number, number | null, string]

// code, hazardous, category, state, median t/year (medium enterprise), density t/m3, description
const rows: Row[] = [
  // 02 agriculture and food
  ['020201', 0, 'sludges', 'sludge', 40, 1.05, 'Sludge from washing and cleaning'],
  ['020202', 0, 'organic_food', 'solid', 120, null, 'Animal-tissue waste'],
  ['020203', 0, 'organic_food', 'solid', 30, null, 'Meat and fish unfit for consumption'],
  ['020204', 0, 'sludges', 'sludge', 60, 1.05, 'Effluent-treatment sludge'],
  ['020301', 0, 'sludges', 'sludge', 50, 1.05, 'Peeling and washing sludge'],
  ['020304', 0, 'organic_food', 'solid', 80, null, 'Off-spec fruit, vegetables and grain'],
  ['020305', 0, 'sludges', 'sludge', 40, 1.05, 'Effluent-treatment sludge'],
  ['020501', 0, 'organic_food', 'liquid', 60, 1.03, 'Off-spec milk and whey'],
  ['020502', 0, 'sludges', 'sludge', 40, 1.05, 'Dairy effluent sludge'],
  ['020601', 0, 'organic_food', 'solid', 25, null, 'Unsold and off-spec bakery products'],
  ['020603', 0, 'sludges', 'sludge', 15, 1.05, 'Bakery effluent sludge'],
  ['020701', 0, 'organic_food', 'solid', 40, null, 'Washing and pressing residues'],
  ['020702', 0, 'organic_food', 'liquid', 150, 1.02, 'Distillation residues (vinasse)'],
  ['020704', 0, 'organic_food', 'solid', 200, null, 'Spent grain, pomace and lees'],
  ['020705', 0, 'sludges', 'sludge', 50, 1.05, 'Brewery effluent sludge'],
  // 03 wood, paper
  ['030101', 0, 'wood', 'solid', 80, null, 'Bark'],
  ['030104', 1, 'wood', 'solid', 10, null, 'Sawdust and offcuts of treated wood'],
  ['030105', 0, 'wood', 'solid', 90, null, 'Sawdust, shavings and offcuts'],
  ['030201', 1, 'chemicals', 'liquid', 2, 0.9, 'Spent wood preservative'],
  ['030305', 0, 'sludges', 'sludge', 400, 1.1, 'De-inking sludge'],
  ['030307', 0, 'mixed', 'solid', 300, null, 'Pulping rejects'],
  ['030308', 0, 'paper_cardboard', 'solid', 150, null, 'Paper sorting rejects'],
  ['030310', 0, 'sludges', 'sludge', 500, 1.1, 'Fibre and filler sludge'],
  ['030311', 0, 'sludges', 'sludge', 300, 1.05, 'Effluent-treatment sludge'],
  // 04 leather, textiles
  ['040101', 0, 'organic_food', 'solid', 60, null, 'Fleshings and lime split'],
  ['040104', 0, 'chemicals', 'liquid', 40, 1.1, 'Spent chromium tanning liquor'],
  ['040106', 0, 'sludges', 'sludge', 30, 1.1, 'Chromium-bearing effluent sludge'],
  ['040108', 0, 'textiles', 'solid', 25, null, 'Chrome-tanned leather shavings and trimmings'],
  ['040209', 0, 'textiles', 'solid', 8, null, 'Coated and composite textile waste'],
  ['040214', 1, 'chemicals', 'liquid', 3, 0.95, 'Finishing waste containing solvents'],
  ['040215', 0, 'chemicals', 'sludge', 6, 1.05, 'Finishing waste'],
  ['040216', 1, 'chemicals', 'paste', 2, null, 'Spent dyestuffs and pigments'],
  ['040221', 0, 'textiles', 'solid', 12, null, 'Fibre waste from spinning'],
  ['040222', 0, 'textiles', 'solid', 15, null, 'Fabric offcuts'],
  // 05 petroleum
  ['050102', 1, 'sludges', 'sludge', 300, 1.2, 'Desalter sludge'],
  ['050103', 1, 'sludges', 'sludge', 500, 1.1, 'Tank bottom sludge'],
  ['050109', 1, 'sludges', 'sludge', 400, 1.1, 'Oily effluent-treatment sludge'],
  ['050110', 0, 'sludges', 'sludge', 300, 1.05, 'Effluent-treatment sludge'],
  ['050116', 0, 'chemicals', 'solid', 800, null, 'Sulphur from desulphurisation'],
  ['050117', 0, 'mineral_construction', 'paste', 150, null, 'Off-spec bitumen'],
  ['050601', 1, 'chemicals', 'paste', 60, null, 'Acid tars'],
  // 06, 07, 08 chemicals, paints, inks
  ['060314', 0, 'chemicals', 'solid', 20, null, 'Spent salts'],
  ['060316', 0, 'chemicals', 'powder', 10, null, 'Metal oxides'],
  ['070101', 1, 'chemicals', 'liquid', 30, 1.05, 'Aqueous washing liquids and mother liquors'],
  ['070108', 1, 'chemicals', 'paste', 15, null, 'Still bottoms and reaction residues'],
  ['070112', 0, 'sludges', 'sludge', 60, 1.05, 'Effluent-treatment sludge'],
  ['070201', 1, 'chemicals', 'liquid', 20, 1.05, 'Washing liquids from polymer production'],
  ['070208', 1, 'chemicals', 'paste', 10, null, 'Polymerisation residues'],
  ['070213', 0, 'plastics', 'solid', 25, null, 'Plastic scrap and purgings'],
  ['070299', 0, 'plastics', 'solid', 10, null, 'Off-spec plastic products'],
  ['070501', 1, 'chemicals', 'liquid', 25, 1.05, 'Pharmaceutical mother liquors'],
  ['070512', 0, 'sludges', 'sludge', 20, 1.05, 'Effluent-treatment sludge'],
  ['070514', 0, 'chemicals', 'solid', 8, null, 'Off-spec tablets and packaging residues'],
  ['070612', 0, 'sludges', 'sludge', 20, 1.05, 'Effluent-treatment sludge'],
  ['070704', 1, 'oils_solvents', 'liquid', 6, 0.85, 'Spent organic solvents'],
  ['080111', 1, 'chemicals', 'paste', 2, null, 'Waste paint containing solvents'],
  ['080112', 0, 'chemicals', 'paste', 3, null, 'Waste water-based paint'],
  ['080312', 1, 'chemicals', 'liquid', 1.5, 1.0, 'Waste solvent-based ink'],
  ['080313', 0, 'chemicals', 'liquid', 2, 1.0, 'Waste water-based ink'],
  ['080318', 0, 'mixed', 'powder', 0.3, null, 'Used toner cartridges'],
  ['080409', 1, 'chemicals', 'paste', 1, null, 'Waste solvent-based adhesives'],
  ['080410', 0, 'chemicals', 'paste', 2, null, 'Waste adhesives and sealants'],
  // 10 thermal processes
  ['100201', 0, 'ashes_slags', 'solid', 3000, null, 'Processed steel slag'],
  ['100202', 0, 'ashes_slags', 'solid', 8000, null, 'Unprocessed steel slag'],
  ['100207', 1, 'ashes_slags', 'powder', 600, null, 'Filter dust from steelmaking'],
  ['100208', 0, 'ashes_slags', 'powder', 400, null, 'Gas-cleaning residues'],
  ['100210', 0, 'metals_ferrous', 'solid', 900, null, 'Mill scale'],
  ['100308', 1, 'ashes_slags', 'solid', 300, null, 'Salt slag from aluminium remelting'],
  ['100315', 1, 'metals_non_ferrous', 'solid', 50, null, 'Reactive aluminium skimmings'],
  ['100316', 0, 'metals_non_ferrous', 'solid', 120, null, 'Aluminium skimmings'],
  ['100903', 0, 'ashes_slags', 'solid', 300, null, 'Foundry furnace slag'],
  ['100906', 0, 'mineral_construction', 'solid', 100, null, 'Unused casting cores and moulds'],
  ['100908', 0, 'mineral_construction', 'solid', 600, null, 'Spent foundry sand'],
  ['100910', 0, 'ashes_slags', 'powder', 60, null, 'Foundry flue-gas dust'],
  ['101103', 0, 'glass', 'solid', 40, null, 'Glass-fibre waste'],
  ['101111', 1, 'glass', 'powder', 15, null, 'Glass powder containing heavy metals'],
  ['101112', 0, 'glass', 'solid', 250, null, 'Cullet and broken glass'],
  ['101201', 0, 'mineral_construction', 'solid', 150, null, 'Unfired clay body'],
  ['101206', 0, 'mineral_construction', 'solid', 30, null, 'Spent plaster moulds'],
  ['101208', 0, 'mineral_construction', 'solid', 300, null, 'Broken fired bricks and tiles'],
  ['101301', 0, 'mineral_construction', 'powder', 200, null, 'Raw-meal spillage'],
  ['101304', 0, 'mineral_construction', 'powder', 150, null, 'Lime calcination waste'],
  ['101306', 0, 'ashes_slags', 'powder', 400, null, 'Cement kiln dust'],
  ['101314', 0, 'mineral_construction', 'solid', 350, null, 'Returned concrete and washout sludge'],
  ['010410', 0, 'mineral_construction', 'powder', 60, null, 'Stone dust'],
  ['010413', 0, 'mineral_construction', 'sludge', 200, 1.6, 'Stone-sawing sludge and offcuts'],
  // 11, 12 metal treatment and shaping
  ['110105', 1, 'chemicals', 'liquid', 20, 1.15, 'Spent pickling acid'],
  ['110109', 1, 'sludges', 'sludge', 15, 1.3, 'Galvanic sludge and filter cake'],
  ['110110', 0, 'sludges', 'sludge', 12, 1.3, 'Surface-treatment sludge'],
  ['120101', 0, 'metals_ferrous', 'solid', 60, null, 'Steel turnings and offcuts'],
  ['120102', 0, 'metals_ferrous', 'powder', 5, null, 'Steel grinding dust'],
  ['120103', 0, 'metals_non_ferrous', 'solid', 8, null, 'Aluminium and copper turnings'],
  ['120105', 0, 'plastics', 'solid', 10, null, 'Plastic shavings and turnings'],
  ['120109', 1, 'oils_solvents', 'liquid', 8, 1.0, 'Spent machining emulsion'],
  ['120113', 0, 'metals_ferrous', 'solid', 3, null, 'Welding waste'],
  ['120116', 1, 'mineral_construction', 'powder', 4, null, 'Contaminated blasting grit'],
  ['120117', 0, 'mineral_construction', 'powder', 10, null, 'Spent blasting grit'],
  ['120118', 1, 'sludges', 'sludge', 3, 1.4, 'Oily grinding sludge'],
  ['120121', 0, 'mineral_construction', 'solid', 2, null, 'Spent grinding wheels'],
  // 13 oils
  ['130205', 1, 'oils_solvents', 'liquid', 2, 0.88, 'Used engine, gear and lubricating oil'],
  ['130208', 1, 'oils_solvents', 'liquid', 1, 0.88, 'Other used lubricating oil'],
  ['130507', 1, 'oils_solvents', 'liquid', 6, 1.0, 'Oily water from separators'],
  // 15 packaging, absorbents
  ['150101', 0, 'paper_cardboard', 'solid', 12, null, 'Cardboard and paper packaging'],
  ['150102', 0, 'plastics', 'solid', 6, null, 'Plastic film and packaging'],
  ['150103', 0, 'wood', 'solid', 8, null, 'Pallets and wooden packaging'],
  ['150104', 0, 'metals_ferrous', 'solid', 2, null, 'Metal drums and cans'],
  ['150106', 0, 'mixed', 'solid', 8, null, 'Mixed packaging'],
  ['150107', 0, 'glass', 'solid', 3, null, 'Glass packaging'],
  ['150110', 1, 'mixed', 'solid', 1.5, null, 'Contaminated packaging'],
  ['150202', 1, 'mixed', 'solid', 1, null, 'Oily rags, absorbents and filters'],
  ['150203', 0, 'mixed', 'solid', 1, null, 'Wiping cloths and protective clothing'],
  // 16 equipment, batteries, aqueous waste
  ['160103', 0, 'plastics', 'solid', 6, null, 'End-of-life tyres'],
  ['160213', 1, 'mixed', 'solid', 1, null, 'Discarded equipment with hazardous parts'],
  ['160214', 0, 'mixed', 'solid', 4, null, 'Discarded electrical equipment'],
  ['160216', 0, 'metals_non_ferrous', 'solid', 5, null, 'Components from discarded equipment'],
  ['160601', 1, 'metals_non_ferrous', 'solid', 0.8, null, 'Lead-acid batteries'],
  ['160605', 0, 'metals_non_ferrous', 'solid', 0.3, null, 'Other batteries'],
  ['161002', 0, 'sludges', 'liquid', 20, 1.0, 'Aqueous liquid waste'],
  // 17, 19, 20 construction, waste treatment, municipal-type
  ['170405', 0, 'metals_ferrous', 'solid', 10, null, 'Scrap iron and steel'],
  ['190111', 1, 'ashes_slags', 'solid', 300, null, 'Incinerator bottom ash containing hazardous substances'],
  ['190112', 0, 'ashes_slags', 'solid', 2000, null, 'Incinerator bottom ash'],
  ['190203', 0, 'mixed', 'solid', 300, null, 'Premixed non-hazardous waste'],
  ['190204', 1, 'mixed', 'solid', 120, null, 'Premixed waste with a hazardous part'],
  ['190814', 0, 'sludges', 'sludge', 400, 1.05, 'Industrial waste-water sludge'],
  ['191201', 0, 'paper_cardboard', 'solid', 500, null, 'Sorted paper and cardboard'],
  ['191202', 0, 'metals_ferrous', 'solid', 300, null, 'Sorted ferrous metal'],
  ['191210', 0, 'mixed', 'solid', 800, null, 'Refuse-derived fuel'],
  ['191212', 0, 'mixed', 'solid', 1500, null, 'Sorting residues'],
  ['200121', 1, 'mixed', 'solid', 0.1, null, 'Fluorescent tubes'],
  ['200301', 0, 'mixed', 'solid', 15, null, 'Mixed municipal-type waste'],
]

export const wasteKinds: ReadonlyMap<string, WasteKind> = new Map(
  rows.map(([ewcCode, hazardous, category, physicalState, medianTonnes, density, description]) => [
    ewcCode,
    {
      ewcCode,
      hazardous: hazardous === 1,
      category,
      physicalState,
      medianTonnes,
      ...(density === null ? {} : { densityTPerM3: density }),
      description,
    },
  ]),
)

export function wasteKind(ewcCode: string): WasteKind {
  const kind = wasteKinds.get(ewcCode)
  if (!kind) throw new Error(`synthetic data: no waste kind ${ewcCode}`)
  return kind
}

/**
 * Where each material usually goes (R/D operations of Directive 2008/98/EC, Annexes I and II),
 * with weights; streams with no known route are added by the generator on top.
 */
export const routesByCategory: Record<MaterialCategory, Weighted<string>> = {
  metals_ferrous: weights('R4:0.9 D1:0.05 R13:0.05'),
  metals_non_ferrous: weights('R4:0.85 R13:0.1 D1:0.05'),
  plastics: weights('R3:0.55 R1:0.15 D1:0.3'),
  paper_cardboard: weights('R3:0.8 R1:0.05 D1:0.15'),
  glass: weights('R5:0.7 D1:0.3'),
  wood: weights('R3:0.35 R1:0.4 D1:0.25'),
  textiles: weights('R3:0.4 R1:0.1 D1:0.5'),
  organic_food: weights('R3:0.5 R10:0.15 D1:0.35'),
  mineral_construction: weights('R5:0.5 D1:0.5'),
  ashes_slags: weights('R5:0.6 D1:0.35 D5:0.05'),
  sludges: weights('D8:0.2 D9:0.2 R3:0.15 R10:0.1 D1:0.35'),
  oils_solvents: weights('R9:0.45 R1:0.25 R2:0.1 D10:0.2'),
  chemicals: weights('D9:0.35 D10:0.3 R6:0.1 D5:0.25'),
  mixed: weights('D1:0.75 R12:0.15 D10:0.1'),
}
