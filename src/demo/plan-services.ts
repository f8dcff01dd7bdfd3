import type { Random } from './random.ts';
import type { PremisePlan, Service } from './plan-types.ts';

/**
 * Which services a premise takes, on which rate schedule, with which meter
 * (demo-city-rates.md). Water, wastewater and solid waste for most premises, gas in the gas
 * territory for about 40 % of all premises, electric only inside the downtown electric
 * territory, irrigation (W4.1) and hydrant (HYD) meters on their own premises.
 */
export type ServiceLine = {
  readonly service: Service;
  readonly rateSchedule: string;
  readonly meterNumber: string | null;
  readonly meterSize: string | null;
};

const meterPrefix: Readonly<Record<Service, string | null>> = {
  water: 'W',
  irrigation: 'W',
  hydrant: 'H',
  gas: 'G',
  electric: 'E',
  wastewater: null,
  solid_waste: null,
};

/** Meter serial numbers: a bijection of a counter mod 10^8, so unique but not sequential. */
export function createMeterNumbers(): (service: Service) => string | null {
  let k = 0;
  return (service) => {
    const prefix = meterPrefix[service];
    if (prefix === null) return null;
    k += 1;
    return `${prefix}${String((k * 7_919 + 40_000_003) % 100_000_000).padStart(8, '0')}`;
  };
}

export function servicesFor(
  rnd: Random,
  premise: PremisePlan,
  unitsInBuilding: number,
  meter: (service: Service) => string | null,
): ServiceLine[] {
  const lines: ServiceLine[] = [];
  const add = (service: Service, rateSchedule: string, meterSize: string | null = null) =>
    lines.push({ service, rateSchedule, meterNumber: meter(service), meterSize });
  switch (premise.premiseType) {
    case 'single_family':
    case 'multi_unit': {
      const size = rnd.weighted([
        ['5/8', 35],
        ['3/4', 58],
        ['1', 7],
      ] as const);
      add('water', 'W1.1', premise.premiseType === 'multi_unit' ? '5/8' : size);
      if (rnd.chance(0.96)) add('wastewater', 'S1.1');
      if (premise.premiseType === 'single_family' || unitsInBuilding <= 4) {
        if (rnd.chance(0.97)) add('solid_waste', rnd.chance(0.72) ? 'SW-R90' : 'SW-R60');
      }
      if (premise.gasTerritory && rnd.chance(0.75)) add('gas', 'G1.1');
      if (premise.electricTerritory) add('electric', 'E1.1');
      break;
    }
    case 'commercial': {
      const size = rnd.weighted([
        ['1', 35],
        ['1-1/2', 25],
        ['2', 25],
        ['3', 10],
        ['4', 5],
      ] as const);
      add('water', 'W3.1', size);
      add('wastewater', 'S3.1');
      if (rnd.chance(0.8)) add('solid_waste', 'SW-COMM');
      if (premise.gasTerritory && rnd.chance(0.6)) add('gas', 'G3.1');
      if (premise.electricTerritory) add('electric', 'E3.1');
      break;
    }
    case 'irrigation':
      add(
        'irrigation',
        'W4.1',
        rnd.weighted([
          ['1', 40],
          ['1-1/2', 30],
          ['2', 30],
        ] as const),
      );
      break;
    case 'hydrant':
      add('hydrant', 'HYD', '3');
      break;
  }
  return lines;
}
