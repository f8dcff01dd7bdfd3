import type { AccountClass, Service } from './types.ts';

/**
 * The rate schedule a new agreement gets when the agent does not pick one
 * (demo-city-rates.md schedule codes). Irrigation and hydrant have one schedule each.
 */
const defaults: Readonly<Record<Service, Readonly<Record<AccountClass, string>>>> = {
  electric: { residential: 'E1.1', commercial: 'E3.1' },
  gas: { residential: 'G1.1', commercial: 'G3.1' },
  water: { residential: 'W1.1', commercial: 'W3.1' },
  wastewater: { residential: 'S1.1', commercial: 'S3.1' },
  solid_waste: { residential: 'SW-R90', commercial: 'SW-COMM' },
  irrigation: { residential: 'W4.1', commercial: 'W4.1' },
  hydrant: { residential: 'HYD', commercial: 'HYD' },
};

export function defaultRateSchedule(service: Service, accountClass: AccountClass): string {
  return defaults[service][accountClass];
}

/** Services whose activation carries a connection fee (a meter is turned on). */
export const connectionFeeCodeByService: Partial<Readonly<Record<Service, string>>> = {
  electric: 'connection_electric',
  gas: 'connection_gas',
  water: 'connection_water',
};

/** Services that revert to the owner under a landlord continuous-service agreement (§9.6). */
export const landlordRevertingServices: ReadonlySet<Service> = new Set([
  'water',
  'wastewater',
  'solid_waste',
]);
