import type { MeterPlan } from './plan-meters.ts';
import type { Random } from './random.ts';

/**
 * How much a meter uses: a 30-day base in register units, the household's scale, a factor
 * by calendar month (Mesa, AZ: air conditioning and outdoor watering peak June–September,
 * gas heating peaks December–February) and the read-to-read noise. The monthly factors
 * average about 1 and stay within ~4× of each other so that ordinary seasonal swings pass
 * the read validation's high/low check (3× / 0.25× the register's own average).
 */
export type UsageProfile = {
  /** Units per day at a factor of 1. */
  readonly dailyUnits: number;
  /** Factors for January … December. */
  readonly byMonth: readonly number[];
  /** ± relative noise on each read-to-read period. */
  readonly noise: number;
};

// prettier-ignore
const shapes = {
  //                    Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
  waterHome:          [0.75, 0.75, 0.85, 1.00, 1.15, 1.30, 1.35, 1.30, 1.20, 1.05, 0.90, 0.80],
  waterBusiness:      [0.90, 0.90, 0.95, 1.00, 1.05, 1.10, 1.10, 1.10, 1.05, 1.00, 0.95, 0.90],
  irrigation:         [0.55, 0.60, 0.80, 1.10, 1.35, 1.55, 1.55, 1.45, 1.30, 1.00, 0.70, 0.55],
  gasHome:            [1.75, 1.60, 1.25, 0.90, 0.65, 0.50, 0.47, 0.47, 0.50, 0.65, 1.05, 1.50],
  gasBusiness:        [1.45, 1.35, 1.15, 0.95, 0.80, 0.70, 0.65, 0.65, 0.70, 0.85, 1.10, 1.35],
  electricHome:       [0.70, 0.65, 0.70, 0.85, 1.15, 1.50, 1.70, 1.70, 1.45, 1.05, 0.75, 0.75],
  electricBusiness:   [0.80, 0.78, 0.82, 0.90, 1.05, 1.25, 1.35, 1.35, 1.25, 1.05, 0.85, 0.80],
  flat:               [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
} as const;

/** Commercial water and irrigation: a 30-day base in gallons by meter size. */
const businessWaterBySize: Readonly<Record<string, number>> = {
  '1': 25_000,
  '1-1/2': 50_000,
  '2': 100_000,
  '3': 220_000,
  '4': 450_000,
};
const irrigationBySize: Readonly<Record<string, number>> = {
  '1': 40_000,
  '1-1/2': 80_000,
  '2': 150_000,
};

/** A log-normal household scale: most homes near 1, a few at a third or nearly triple. */
function scale(rnd: Random, sigma: number): number {
  const u = Math.max(rnd.next(), 1e-9);
  const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
  return Math.min(2.8, Math.max(0.35, Math.exp(sigma * gaussian)));
}

function base(m: MeterPlan): { monthly: number; byMonth: readonly number[]; noise: number } {
  const business = m.accountClass === 'commercial';
  switch (m.service) {
    case 'water':
      if (business)
        return {
          monthly: businessWaterBySize[m.size ?? '1'] ?? 25_000,
          byMonth: shapes.waterBusiness,
          noise: 0.12,
        };
      return {
        monthly: m.premiseType === 'multi_unit' ? 4_500 : 8_000,
        byMonth: shapes.waterHome,
        noise: 0.1,
      };
    case 'irrigation':
      return {
        monthly: irrigationBySize[m.size ?? '1'] ?? 40_000,
        byMonth: shapes.irrigation,
        noise: 0.12,
      };
    case 'hydrant':
      return { monthly: 150_000, byMonth: shapes.flat, noise: 0.3 };
    case 'gas':
      return business
        ? { monthly: 180, byMonth: shapes.gasBusiness, noise: 0.1 }
        : { monthly: 32, byMonth: shapes.gasHome, noise: 0.1 };
    case 'electric':
      return business
        ? { monthly: 6_000, byMonth: shapes.electricBusiness, noise: 0.1 }
        : { monthly: 1_050, byMonth: shapes.electricHome, noise: 0.08 };
  }
}

export function usageProfile(m: MeterPlan, rnd: Random): UsageProfile {
  const b = base(m);
  const sigma = m.accountClass === 'commercial' ? 0.5 : 0.4;
  return { dailyUnits: (b.monthly * scale(rnd, sigma)) / 30, byMonth: b.byMonth, noise: b.noise };
}
