import { localDate } from '../../core/dates.ts';
import type { Charge, RateScheduleVersion, UsageUnit } from './engine/types.ts';

/**
 * The demo city's rate card (../shared/design/demo-city-rates.md) as data: the default
 * configuration, every version effective 2026-01-01. Prices are integer micros
 * (1 $ = 1,000,000): 17.50 → 17_500_000; 0.0580/kWh → 58_000; 4.60/kgal → 4_600_000 per
 * 1,000 gallons. Bounds are in metered units (kWh, therms, gallons).
 */
const effectiveFrom = localDate('2026-01-01');
const summerMonths = [5, 6, 7, 8, 9, 10] as const;

const stateCountyCity: readonly Charge[] = [
  { kind: 'tax', code: 'TAX-STATE', description: 'State tax 5.6%', basisPoints: 560 },
  { kind: 'tax', code: 'TAX-COUNTY', description: 'County tax 0.7%', basisPoints: 70 },
  { kind: 'tax', code: 'TAX-CITY', description: 'City tax 2.0%', basisPoints: 200 },
];
const cityOnly: readonly Charge[] = [
  { kind: 'tax', code: 'TAX-CITY', description: 'City tax 2.0%', basisPoints: 200 },
];

const eecaf: Charge = {
  kind: 'rider',
  code: 'EECAF',
  description: 'Energy cost adjustment (EECAF)',
  byMonthMicros: [
    40_000, 40_000, 45_000, 50_000, 60_000, 66_000, 70_000, 70_000, 62_000, 52_000, 45_000, 40_000,
  ],
};
const pngcaf: Charge = {
  kind: 'rider',
  code: 'PNGCAF',
  description: 'Natural gas cost adjustment (PNGCAF)',
  byMonthMicros: [
    600_000, 580_000, 520_000, 450_000, 400_000, 350_000, 350_000, 360_000, 380_000, 420_000,
    500_000, 570_000,
  ],
};

const waterServiceCharge: Charge = {
  kind: 'fixed',
  code: 'W-SVC',
  description: 'Water service charge',
  bySizeMicros: {
    '5/8': 30_930_000,
    '3/4': 30_930_000,
    '1': 51_650_000,
    '1-1/2': 103_000_000,
    '2': 164_860_000,
    '3': 360_950_000,
    '4': 649_530_000,
    '6': 1_339_270_000,
    '8': 1_957_870_000,
  },
};

type Head = Pick<RateScheduleVersion, 'code' | 'name' | 'service'>;

function version(
  head: Head,
  unit: UsageUnit,
  priceUnit: string,
  charges: readonly Charge[],
): RateScheduleVersion {
  const pricePer = unit === 'gallon' ? 1000 : 1;
  return { ...head, effectiveFrom, unit, pricePer, priceUnit, summerMonths, charges };
}

function monthly(code: string, name: string, amountMicros: number): RateScheduleVersion {
  return version({ code, name, service: 'solid_waste' }, 'none', 'month', [
    { kind: 'fixed', code, description: name, amountMicros },
    ...cityOnly,
  ]);
}

export const demoRateCard: readonly RateScheduleVersion[] = [
  version({ code: 'E1.1', name: 'Residential electric', service: 'electric' }, 'kWh', 'kWh', [
    { kind: 'fixed', code: 'E-CUST', description: 'Customer charge', amountMicros: 17_500_000 },
    {
      kind: 'tiered-block',
      code: 'E-ENERGY',
      description: 'Energy',
      blocks: [
        { upTo: 1000, summerMicros: 58_000, winterMicros: 45_000 },
        { upTo: null, summerMicros: 72_000, winterMicros: 48_000 },
      ],
    },
    eecaf,
    ...stateCountyCity,
  ]),
  version({ code: 'E3.1', name: 'General service electric', service: 'electric' }, 'kWh', 'kWh', [
    { kind: 'fixed', code: 'E-CUST', description: 'Customer charge', amountMicros: 19_720_000 },
    {
      kind: 'tiered-block',
      code: 'E-ENERGY',
      description: 'Energy',
      blocks: [{ upTo: null, summerMicros: 62_000, winterMicros: 50_000 }],
    },
    eecaf,
    {
      kind: 'demand',
      code: 'E-DEM-GEN',
      description: 'Demand, generation',
      thresholdKw: 50,
      priceMicrosPerKw: 3_520_000,
    },
    {
      kind: 'demand',
      code: 'E-DEM-DIST',
      description: 'Demand, distribution',
      thresholdKw: 50,
      priceMicrosPerKw: 4_100_000,
    },
    ...stateCountyCity,
  ]),
  version({ code: 'G1.1', name: 'Residential gas', service: 'gas' }, 'therm', 'therm', [
    { kind: 'fixed', code: 'G-CUST', description: 'Customer charge', amountMicros: 13_500_000 },
    {
      kind: 'tiered-block',
      code: 'G-GAS',
      description: 'Gas',
      blocks: [
        { upTo: 25, summerMicros: 750_000, winterMicros: 850_000 },
        { upTo: null, summerMicros: 600_000, winterMicros: 700_000 },
      ],
    },
    pngcaf,
    ...stateCountyCity,
  ]),
  version({ code: 'G3.1', name: 'Commercial gas', service: 'gas' }, 'therm', 'therm', [
    { kind: 'fixed', code: 'G-CUST', description: 'Customer charge', amountMicros: 30_000_000 },
    { kind: 'volumetric', code: 'G-GAS', description: 'Gas', priceMicros: 650_000 },
    pngcaf,
    ...stateCountyCity,
  ]),
  version({ code: 'W1.1', name: 'Residential water', service: 'water' }, 'gallon', 'kgal', [
    waterServiceCharge,
    {
      kind: 'discount',
      code: 'W-SENIOR',
      description: 'Limited-income senior discount 30% of the service charge',
      ofCode: 'W-SVC',
      basisPoints: 3000,
      when: 'senior',
    },
    {
      kind: 'tiered-block',
      code: 'W-USAGE',
      description: 'Water',
      blocks: [
        { upTo: 3000, summerMicros: 0, winterMicros: 0 },
        { upTo: 10_000, summerMicros: 4_600_000, winterMicros: 4_200_000 },
        { upTo: 24_000, summerMicros: 6_200_000, winterMicros: 5_600_000 },
        { upTo: null, summerMicros: 8_100_000, winterMicros: 7_300_000 },
      ],
    },
    ...stateCountyCity,
  ]),
  version({ code: 'W3.1', name: 'Non-residential water', service: 'water' }, 'gallon', 'kgal', [
    waterServiceCharge,
    { kind: 'volumetric', code: 'W-USAGE', description: 'Water', priceMicros: 4_900_000 },
    ...stateCountyCity,
  ]),
  version(
    { code: 'W4.1', name: 'Irrigation / landscape water', service: 'irrigation' },
    'gallon',
    'kgal',
    [
      waterServiceCharge,
      {
        kind: 'tiered-block',
        code: 'W-USAGE',
        description: 'Irrigation water',
        blocks: [{ upTo: null, summerMicros: 6_400_000, winterMicros: 5_600_000 }],
      },
      ...stateCountyCity,
    ],
  ),
  version(
    { code: 'HYD', name: 'Hydrant construction meter', service: 'hydrant' },
    'gallon',
    'kgal',
    [
      {
        kind: 'fixed',
        code: 'W-SVC',
        description: 'Water service charge (3" hydrant meter)',
        amountMicros: 360_950_000,
      },
      { kind: 'volumetric', code: 'W-USAGE', description: 'Hydrant water', priceMicros: 4_900_000 },
      ...stateCountyCity,
    ],
  ),
  version(
    { code: 'S1.1', name: 'Residential wastewater', service: 'wastewater' },
    'gallon',
    'kgal',
    [
      {
        kind: 'fixed',
        code: 'S-CUST',
        description: 'Sewer service charge',
        amountMicros: 12_500_000,
      },
      {
        kind: 'winter-average',
        code: 'S-VOLUME',
        description: 'Sewer volume on the winter average',
        priceMicrosPerKgal: 3_100_000,
        capKgal: 15,
      },
      ...cityOnly,
    ],
  ),
  version(
    { code: 'S3.1', name: 'Commercial wastewater', service: 'wastewater' },
    'gallon',
    'kgal',
    [
      {
        kind: 'fixed',
        code: 'S-CUST',
        description: 'Sewer service charge',
        amountMicros: 25_000_000,
      },
      { kind: 'volumetric', code: 'S-VOLUME', description: 'Sewer volume', priceMicros: 3_400_000 },
      ...cityOnly,
    ],
  ),
  monthly('SW-R90', '90-gal trash + recycling barrel, weekly', 34_500_000),
  monthly('SW-R60', '60-gal trash + recycling barrel, weekly', 30_750_000),
  monthly('SW-XTRA', 'Extra 90-gal trash barrel', 15_000_000),
  monthly('SW-GRN', 'Green-waste barrel', 7_250_000),
  version(
    { code: 'SW-COMM', name: 'Commercial front-load bin', service: 'solid_waste' },
    'none',
    'month',
    [
      {
        kind: 'container',
        code: 'SW-COMM',
        description: 'Front-load bin service',
        priceMicrosPerYardPickup: 6_500_000,
        weeksPerMonthThousandths: 4330,
      },
      { kind: 'fixed', code: 'SW-CONT', description: 'Container charge', amountMicros: 12_000_000 },
      ...cityOnly,
    ],
  ),
  version({ code: 'ENV', name: 'Environmental fee', service: 'account' }, 'none', 'month', [
    { kind: 'fixed', code: 'ENV', description: 'Environmental fee', amountMicros: 7_320_000 },
  ]),
];

/** The demo card's version of a schedule code, if there is one. */
export function demoSchedule(code: string): RateScheduleVersion | undefined {
  return demoRateCard.find((v) => v.code === code);
}
