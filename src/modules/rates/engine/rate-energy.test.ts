import { taxes3, testRateTable, type RateRow } from './rate-table-support.ts';

/**
 * Electric and gas bills computed BY HAND from demo-city-rates.md. Each row lists every line (code, cents) in
 * order and the total; the comment shows the arithmetic. Taxes: state 5.6% + county 0.7% +
 * city 2.0% on the rounded lines (wastewater, solid waste: city 2.0% only). Rounding is
 * half-even per line ("x.5 → even" marks a tie).
 */
const rows: readonly RateRow[] = [
  // 30 d, closes Jul (summer). 17.50; 1000×0.058=58.00; 200×0.072=14.40; EECAF Jul
  // 1200×0.070=84.00; sub 173.90; state 9.7384→9.74, county 1.2173→1.22, city 3.478→3.48.
  {
    name: 'E1.1 summer crosses the 1,000 kWh tier',
    code: 'E1.1',
    from: '2026-06-05',
    to: '2026-07-05',
    usage: 1200,
    lines: [
      ['E-CUST', 1750],
      ['E-ENERGY', 5800],
      ['E-ENERGY', 1440],
      ['EECAF', 8400],
      ...taxes3(974, 122, 348),
    ],
    total: 18834,
  },
  // 30 d, closes Feb (winter). 17.50; 800×0.045=36.00; EECAF Feb 800×0.040=32.00; sub 85.50;
  // state 4.788→4.79, county 0.5985→0.60, city 1.71.
  {
    name: 'E1.1 winter inside the first tier',
    code: 'E1.1',
    from: '2026-01-05',
    to: '2026-02-04',
    usage: 800,
    lines: [['E-CUST', 1750], ['E-ENERGY', 3600], ['EECAF', 3200], ...taxes3(479, 60, 171)],
    total: 9260,
  },
  // 30 d, closes Dec (winter). 17.50; 1000×0.045=45.00; 500×0.048=24.00; EECAF Dec
  // 1500×0.040=60.00; sub 146.50; state 8.204→8.20, county 1.0255→1.03, city 2.93.
  {
    name: 'E1.1 winter crosses the 1,000 kWh tier',
    code: 'E1.1',
    from: '2026-11-03',
    to: '2026-12-03',
    usage: 1500,
    lines: [
      ['E-CUST', 1750],
      ['E-ENERGY', 4500],
      ['E-ENERGY', 2400],
      ['EECAF', 6000],
      ...taxes3(820, 103, 293),
    ],
    total: 15866,
  },
  // Short first bill, 15 d → ×15/30. 17.50×½=8.75; block 1000×½=500: 500×0.058=29.00,
  // 200×0.072=14.40; EECAF Jul 700×0.070=49.00; sub 101.15; state 5.6644→5.66,
  // county 0.70805→0.71, city 2.023→2.02.
  {
    name: 'E1.1 short first bill of 15 days prorates the charge and the block',
    code: 'E1.1',
    from: '2026-06-20',
    to: '2026-07-05',
    usage: 700,
    lines: [
      ['E-CUST', 875],
      ['E-ENERGY', 2900],
      ['E-ENERGY', 1440],
      ['EECAF', 4900],
      ...taxes3(566, 71, 202),
    ],
    total: 10954,
  },
  // Zero usage: 17.50 only; state 0.98, county 0.1225→0.12, city 0.35.
  {
    name: 'E1.1 zero usage bills the customer charge and its taxes',
    code: 'E1.1',
    from: '2026-03-01',
    to: '2026-03-31',
    usage: 0,
    lines: [['E-CUST', 1750], ...taxes3(98, 12, 35)],
    total: 1895,
  },
  // 30 d Jul. 19.72; 20000×0.062=1240.00; EECAF 20000×0.070=1400.00; 60 kW > 50 so all 60:
  // 60×3.52=211.20, 60×4.10=246.00; sub 3116.92; state 174.54752→174.55,
  // county 21.81844→21.82, city 62.3384→62.34.
  {
    name: 'E3.1 demand over 50 kW bills all kW',
    code: 'E3.1',
    from: '2026-07-01',
    to: '2026-07-31',
    usage: 20_000,
    demandKw: 60,
    lines: [
      ['E-CUST', 1972],
      ['E-ENERGY', 124_000],
      ['EECAF', 140_000],
      ['E-DEM-GEN', 21_120],
      ['E-DEM-DIST', 24_600],
      ...taxes3(17_455, 2182, 6234),
    ],
    total: 337_563,
  },
  // 30 d Feb (winter). 19.72; 5000×0.050=250.00; EECAF 5000×0.040=200.00; 50 kW is not over
  // 50: no demand; sub 469.72; state 26.30432→26.30, county 3.28804→3.29, city 9.3944→9.39.
  {
    name: 'E3.1 demand at exactly 50 kW bills no demand',
    code: 'E3.1',
    from: '2026-01-10',
    to: '2026-02-09',
    usage: 5000,
    demandKw: 50,
    lines: [['E-CUST', 1972], ['E-ENERGY', 25_000], ['EECAF', 20_000], ...taxes3(2630, 329, 939)],
    total: 50_870,
  },
  // 30 d Feb. 13.50; 25×0.85=21.25; 35×0.70=24.50; PNGCAF Feb 60×0.58=34.80; sub 94.05;
  // state 5.2668→5.27, county 0.65835→0.66, city 1.881→1.88.
  {
    name: 'G1.1 winter crosses the 25 therm tier',
    code: 'G1.1',
    from: '2026-01-02',
    to: '2026-02-01',
    usage: 60,
    lines: [
      ['G-CUST', 1350],
      ['G-GAS', 2125],
      ['G-GAS', 2450],
      ['PNGCAF', 3480],
      ...taxes3(527, 66, 188),
    ],
    total: 10_186,
  },
  // 30 d Aug (summer). 13.50; 20×0.75=15.00; PNGCAF Aug 20×0.36=7.20; sub 35.70;
  // state 1.9992→2.00, county 0.2499→0.25, city 0.714→0.71.
  {
    name: 'G1.1 summer inside the first tier',
    code: 'G1.1',
    from: '2026-08-01',
    to: '2026-08-31',
    usage: 20,
    lines: [['G-CUST', 1350], ['G-GAS', 1500], ['PNGCAF', 720], ...taxes3(200, 25, 71)],
    total: 3866,
  },
  // Long period, 40 d → ×40/30. 30.00×4/3=40.00; 300×0.65=195.00; PNGCAF Nov 300×0.50=150.00;
  // sub 385.00; state 21.56, county 2.695→2.70 (x.5 → even), city 7.70.
  {
    name: 'G3.1 long period of 40 days prorates the customer charge',
    code: 'G3.1',
    from: '2026-10-01',
    to: '2026-11-10',
    usage: 300,
    lines: [['G-CUST', 4000], ['G-GAS', 19_500], ['PNGCAF', 15_000], ...taxes3(2156, 270, 770)],
    total: 41_696,
  },
];

testRateTable(rows);
