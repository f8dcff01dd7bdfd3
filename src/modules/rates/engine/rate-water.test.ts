import { taxes3, testRateTable, type RateRow } from './rate-table-support.ts';

/**
 * Water, wastewater, solid-waste and per-account bills computed BY HAND from demo-city-rates.md. Each row lists every line (code, cents) in
 * order and the total; the comment shows the arithmetic. Taxes: state 5.6% + county 0.7% +
 * city 2.0% on the rounded lines (wastewater, solid waste: city 2.0% only). Rounding is
 * half-even per line ("x.5 → even" marks a tie).
 */
const rows: readonly RateRow[] = [
  // 30 d Aug. 3/4" 30.93; 0–3 kgal included (0.00); 7 kgal×4.60=32.20; 14×6.20=86.80;
  // 6×8.10=48.60; sub 198.53; state 11.11768→11.12, county 1.38971→1.39, city 3.9706→3.97.
  {
    name: 'W1.1 summer crosses every tier',
    code: 'W1.1',
    from: '2026-07-10',
    to: '2026-08-09',
    usage: 30_000,
    meterSize: '3/4',
    lines: [
      ['W-SVC', 3093],
      ['W-USAGE', 0],
      ['W-USAGE', 3220],
      ['W-USAGE', 8680],
      ['W-USAGE', 4860],
      ...taxes3(1112, 139, 397),
    ],
    total: 21_501,
  },
  // 30 d Feb (winter). 30.93; senior −30%×30.93=−9.279→−9.28; included 3,000 gal 0.00;
  // 3,543 gal × 4.20/kgal = 14.8806→14.88; sub 36.53; state 2.04568→2.05,
  // county 0.25571→0.26, city 0.7306→0.73.
  {
    name: 'W1.1 winter with the senior discount and gallons billed exactly per kgal',
    code: 'W1.1',
    from: '2026-01-15',
    to: '2026-02-14',
    usage: 6543,
    meterSize: '5/8',
    discounts: ['senior'],
    lines: [
      ['W-SVC', 3093],
      ['W-SENIOR', -928],
      ['W-USAGE', 0],
      ['W-USAGE', 1488],
      ...taxes3(205, 26, 73),
    ],
    total: 3957,
  },
  // 30 d, closes May (summer). 1" 51.65; 2,000 gal all included 0.00; sub 51.65;
  // state 2.8924→2.89, county 0.36155→0.36, city 1.033→1.03.
  {
    name: 'W1.1 1-inch meter with usage inside the included block',
    code: 'W1.1',
    from: '2026-04-01',
    to: '2026-05-01',
    usage: 2000,
    meterSize: '1',
    lines: [['W-SVC', 5165], ['W-USAGE', 0], ...taxes3(289, 36, 103)],
    total: 5593,
  },
  // 15 d → ×½. 30.93×½=15.465→15.46 (x.5 → even); blocks 1,500/5,000/12,000 gal: 0–1,500
  // 0.00; 3,500 gal×4.60=16.10; 3,000 gal×6.20=18.60; sub 50.16; state 2.80896→2.81,
  // county 0.35112→0.35, city 1.0032→1.00.
  {
    name: 'W1.1 short bill of 15 days halves the service charge and every block',
    code: 'W1.1',
    from: '2026-06-20',
    to: '2026-07-05',
    usage: 8000,
    meterSize: '3/4',
    lines: [
      ['W-SVC', 1546],
      ['W-USAGE', 0],
      ['W-USAGE', 1610],
      ['W-USAGE', 1860],
      ...taxes3(281, 35, 100),
    ],
    total: 5432,
  },
  // 2" 164.86; 45,250 gal × 4.90/kgal = 221.725→221.72 (x.5 → even); sub 386.58;
  // state 21.64848→21.65, county 2.70606→2.71, city 7.7316→7.73.
  {
    name: 'W3.1 2-inch meter at one price',
    code: 'W3.1',
    from: '2026-03-01',
    to: '2026-03-31',
    usage: 45_250,
    meterSize: '2',
    lines: [['W-SVC', 16_486], ['W-USAGE', 22_172], ...taxes3(2165, 271, 773)],
    total: 41_867,
  },
  // Oct (summer). 1½" 103.00; 20 kgal × 6.40 = 128.00; sub 231.00; state 12.936→12.94,
  // county 1.617→1.62, city 4.62.
  {
    name: 'W4.1 irrigation in summer',
    code: 'W4.1',
    from: '2026-09-01',
    to: '2026-10-01',
    usage: 20_000,
    meterSize: '1-1/2',
    lines: [['W-SVC', 10_300], ['W-USAGE', 12_800], ...taxes3(1294, 162, 462)],
    total: 25_018,
  },
  // Dec (winter). 30.93; 10 kgal × 5.60 = 56.00; sub 86.93; state 4.86808→4.87,
  // county 0.60851→0.61, city 1.7386→1.74.
  {
    name: 'W4.1 irrigation in winter',
    code: 'W4.1',
    from: '2026-12-01',
    to: '2026-12-31',
    usage: 10_000,
    meterSize: '5/8',
    lines: [['W-SVC', 3093], ['W-USAGE', 5600], ...taxes3(487, 61, 174)],
    total: 9415,
  },
  // 360.95; 50 kgal × 4.90 = 245.00; sub 605.95; state 33.9332→33.93,
  // county 4.24165→4.24, city 12.119→12.12.
  {
    name: 'HYD hydrant meter',
    code: 'HYD',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 50_000,
    lines: [['W-SVC', 36_095], ['W-USAGE', 24_500], ...taxes3(3393, 424, 1212)],
    total: 65_624,
  },
  // 12.50; winter average 6 kgal × 3.10 = 18.60; sub 31.10; city only 0.622→0.62.
  {
    name: 'S1.1 bills the winter average, not the metered water',
    code: 'S1.1',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 40_000,
    winterAverageKgal: 6,
    lines: [
      ['S-CUST', 1250],
      ['S-VOLUME', 1860],
      ['TAX-CITY', 62],
    ],
    total: 3172,
  },
  // 12.50; winter average 20 capped at 15 kgal × 3.10 = 46.50; sub 59.00; city 1.18.
  {
    name: 'S1.1 caps the winter average at 15 kgal',
    code: 'S1.1',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    winterAverageKgal: 20,
    lines: [
      ['S-CUST', 1250],
      ['S-VOLUME', 4650],
      ['TAX-CITY', 118],
    ],
    total: 6018,
  },
  // 25.00; 12,345 gal × 3.40/kgal = 41.973→41.97; sub 66.97; city 1.3394→1.34.
  {
    name: 'S3.1 bills metered water volume',
    code: 'S3.1',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 12_345,
    lines: [
      ['S-CUST', 2500],
      ['S-VOLUME', 4197],
      ['TAX-CITY', 134],
    ],
    total: 6831,
  },
  // 34.50; city 0.69.
  {
    name: 'SW-R90',
    code: 'SW-R90',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    lines: [
      ['SW-R90', 3450],
      ['TAX-CITY', 69],
    ],
    total: 3519,
  },
  // 30.75; city 0.615→0.62 (x.5 → even).
  {
    name: 'SW-R60',
    code: 'SW-R60',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    lines: [
      ['SW-R60', 3075],
      ['TAX-CITY', 62],
    ],
    total: 3137,
  },
  // 15.00; city 0.30.
  {
    name: 'SW-XTRA',
    code: 'SW-XTRA',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    lines: [
      ['SW-XTRA', 1500],
      ['TAX-CITY', 30],
    ],
    total: 1530,
  },
  // 7.25; city 0.145→0.14 (x.5 → even).
  {
    name: 'SW-GRN',
    code: 'SW-GRN',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    lines: [
      ['SW-GRN', 725],
      ['TAX-CITY', 14],
    ],
    total: 739,
  },
  // 6.50 × 3 yd × 2/week × 4.33 = 168.87; container 12.00; sub 180.87; city 3.6174→3.62.
  {
    name: 'SW-COMM front-load bin',
    code: 'SW-COMM',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    container: { cubicYards: 3, pickupsPerWeek: 2 },
    lines: [
      ['SW-COMM', 16_887],
      ['SW-CONT', 1200],
      ['TAX-CITY', 362],
    ],
    total: 18_449,
  },
  // 7.32, not taxed.
  {
    name: 'ENV environmental fee',
    code: 'ENV',
    from: '2026-05-01',
    to: '2026-05-31',
    usage: 0,
    lines: [['ENV', 732]],
    total: 732,
  },
];

testRateTable(rows);
