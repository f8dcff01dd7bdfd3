import {
  cycleOf,
  gasTerritoryEastMilesMax,
  isDowntown,
  latitudeOf,
  locate,
  longitudeOf,
  samplePoint,
  zipOf,
} from './city-grid.ts';
import type { PremisePlan, PremiseType } from './plan-types.ts';
import type { Random } from './random.ts';

/** Share of premises placed in the downtown box (Mesa: ~17,000 electric of ~165,000). */
const downtownShare = 0.11;
const attemptsMax = 50;

export type PremiseFactory = {
  /** One premise (or, for `multi_unit`, one per unit) at a fresh street address. */
  readonly create: (type: PremiseType, units?: number) => PremisePlan[];
};

export function createPremiseFactory(rnd: Random, createdAt: string): PremiseFactory {
  const used = new Set<string>();
  const create = (type: PremiseType, units = 1): PremisePlan[] => {
    const arterial =
      type === 'commercial' || type === 'hydrant' ? rnd.chance(0.8) : rnd.chance(0.05);
    for (let attempt = 0; attempt < attemptsMax; attempt++) {
      const [east, north] = samplePoint(rnd, downtownShare);
      const loc = locate(rnd, east, north, arterial);
      if (used.has(loc.line1)) continue;
      used.add(loc.line1);
      const common = {
        line1: loc.line1,
        zip: zipOf(loc.eastMiles, loc.northMiles),
        latitude: latitudeOf(loc.northMiles),
        longitude: longitudeOf(loc.eastMiles),
        parcel: parcelNumber(rnd),
        premiseType: type,
        electricTerritory: isDowntown(loc.eastMiles, loc.northMiles),
        gasTerritory: loc.eastMiles <= gasTerritoryEastMilesMax,
        cycle: cycleOf(loc.eastMiles, loc.northMiles),
        createdAt,
      };
      if (type !== 'multi_unit') return [{ ...common, unit: null }];
      return unitNumbers(units).map((unit) => ({ ...common, unit }));
    }
    throw new Error('demo city: no free street address found (city too dense)');
  };
  return { create };
}

/** Duplex to fourplex: A–D; larger buildings: 101, 102, … by floor of eight. */
function unitNumbers(units: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < units; i++) {
    out.push(
      units <= 4
        ? String.fromCharCode(65 + i)
        : `${Math.floor(i / 8) + 1}${String((i % 8) + 1).padStart(2, '0')}`,
    );
  }
  return out;
}

/** Maricopa County assessor parcel layout: "139-12-345A". */
function parcelNumber(rnd: Random): string {
  const letter = rnd.chance(0.3) ? rnd.pick(['A', 'B', 'C']) : '';
  return `${rnd.int(100, 304)}-${String(rnd.int(1, 99)).padStart(2, '0')}-${String(rnd.int(1, 999)).padStart(3, '0')}${letter}`;
}
