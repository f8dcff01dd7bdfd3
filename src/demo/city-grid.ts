import { localStreetNames, localStreetSuffixes } from './name-lists.ts';
import type { Random } from './random.ts';

/**
 * The demo city's street grid, modelled on Mesa, AZ: Center St (N/S) and Main St (E/W)
 * cross at 33.4152° N, −111.8315° W; house numbers count 1,000 per mile from that corner
 * ("1234 E Main St" is 1.234 mi east of Center St). Arterials sit on the real mile roads;
 * local E/W streets every 1/16 mile and numbered N/S streets every 1/8 mile fill the blocks.
 */
export const cityCentre = { latitude: 33.4152, longitude: -111.8315 } as const;
const milesPerDegreeLat = 69.05;
const milesPerDegreeLon = 57.66; // 69.17 × cos(33.4152°)

/** City extent in miles from the centre (east +, north +). */
export const cityBounds = { west: -3.5, east: 14, south: -6, north: 4.5 } as const;
/** The city electric service area: about 5.5 sq mi around downtown (facts §1). */
export const downtownBounds = { west: -1.25, east: 1.25, south: -1.1, north: 1.1 } as const;
/** Gas territory: the older west and central city (about half the premises). */
export const gasTerritoryEastMilesMax = 4.5;

const eastWestArterials: readonly (readonly [number, string])[] = [
  [4, 'Thomas Rd'],
  [3.5, 'McDowell Rd'],
  [2.5, 'McKellips Rd'],
  [1.5, 'Brown Rd'],
  [0.5, 'University Dr'],
  [0, 'Main St'],
  [-0.5, 'Broadway Rd'],
  [-1.5, 'Southern Ave'],
  [-2.5, 'Baseline Rd'],
  [-3.5, 'Guadalupe Rd'],
  [-4.5, 'Elliot Rd'],
  [-5.5, 'Warner Rd'],
];
const northSouthArterials: readonly (readonly [number, string])[] = [
  [-3, 'Dobson Rd'],
  [-2, 'Alma School Rd'],
  [-1, 'Country Club Dr'],
  [0, 'Center St'],
  [0.5, 'Mesa Dr'],
  [1, 'Stapley Dr'],
  [2, 'Gilbert Rd'],
  [3, 'Lindsay Rd'],
  [4, 'Val Vista Dr'],
  [5, 'Greenfield Rd'],
  [6, 'Higley Rd'],
  [7, 'Recker Rd'],
  [8, 'Power Rd'],
  [9, 'Sossaman Rd'],
  [10, 'Hawes Rd'],
  [11, 'Ellsworth Rd'],
  [12, 'Crismon Rd'],
  [13, 'Signal Butte Rd'],
  [14, 'Meridian Rd'],
];

export type Location = {
  /** "1234 E Main St" */
  readonly line1: string;
  readonly eastMiles: number;
  readonly northMiles: number;
  readonly onArterial: boolean;
};

export function latitudeOf(northMiles: number): number {
  return round6(cityCentre.latitude + northMiles / milesPerDegreeLat);
}
export function longitudeOf(eastMiles: number): number {
  return round6(cityCentre.longitude + eastMiles / milesPerDegreeLon);
}
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function isDowntown(eastMiles: number, northMiles: number): boolean {
  const b = downtownBounds;
  return (
    eastMiles >= b.west && eastMiles <= b.east && northMiles >= b.south && northMiles <= b.north
  );
}

/** Picks a point: `downtownShare` of premises in the downtown box, the rest city-wide,
 * denser in the older west and central city. */
export function samplePoint(rnd: Random, downtownShare: number): readonly [number, number] {
  if (rnd.chance(downtownShare)) {
    const b = downtownBounds;
    return [b.west + rnd.next() * (b.east - b.west), b.south + rnd.next() * (b.north - b.south)];
  }
  const band = rnd.weighted<readonly [number, number]>([
    [[cityBounds.west, 2], 30],
    [[2, 6], 30],
    [[6, 10], 25],
    [[10, cityBounds.east], 15],
  ]);
  const east = band[0] + rnd.next() * (band[1] - band[0]);
  return [east, cityBounds.south + rnd.next() * (cityBounds.north - cityBounds.south)];
}

/** Puts a premise on a street near the point: an E/W or N/S street, local or arterial. */
export function locate(rnd: Random, east: number, north: number, arterial: boolean): Location {
  const eastWest = rnd.chance(0.6);
  if (eastWest) {
    const y = arterial ? nearest(eastWestArterials, north)[0] : Math.round(north * 16) / 16;
    const name = arterial ? nearest(eastWestArterials, y)[1] : eastWestLocalName(y);
    const onArterial = arterial || eastWestArterials.some(([m]) => m === y);
    const line1 = `${houseNumber(east, north > y)} ${east < 0 ? 'W' : 'E'} ${name}`;
    return { line1, eastMiles: east, northMiles: y, onArterial };
  }
  const x = arterial ? nearest(northSouthArterials, east)[0] : Math.round(east * 8) / 8;
  const arterialName = northSouthArterials.find(([m]) => m === x)?.[1];
  const name = arterialName ?? numberedStreet(x);
  const line1 = `${houseNumber(north, east > x)} ${north < 0 ? 'S' : 'N'} ${name}`;
  return { line1, eastMiles: x, northMiles: north, onArterial: arterialName !== undefined };
}

function nearest(table: readonly (readonly [number, string])[], v: number) {
  let best = table[0] as readonly [number, string];
  for (const row of table) if (Math.abs(row[0] - v) < Math.abs(best[0] - v)) best = row;
  return best;
}

/** 1,000 numbers per mile; even numbers on the north/east side, odd on the other. */
function houseNumber(alongMiles: number, evenSide: boolean): number {
  const n = Math.max(2, Math.round(Math.abs(alongMiles) * 1000));
  return n % 2 === (evenSide ? 0 : 1) ? n : n + 1;
}

function eastWestLocalName(northMiles: number): string {
  const i = Math.round((northMiles - cityBounds.south) * 16);
  const base = localStreetNames[i % localStreetNames.length] as string;
  const suffix = localStreetSuffixes[Math.floor(i / localStreetNames.length) % 4] as string;
  return `${base} ${suffix}`;
}

/** East of Center: "17th St"; west of it: "17th Ave" (the Valley convention). */
function numberedStreet(eastMiles: number): string {
  const n = Math.max(1, Math.round(Math.abs(eastMiles) * 8));
  return `${ordinal(n)} ${eastMiles < 0 ? 'Ave' : 'St'}`;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const s = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}

/** Mesa ZIP codes by area (approximate, good enough for a demo). */
export function zipOf(east: number, north: number): string {
  if (east < 0) return north >= 0 ? '85201' : north > -2 ? '85202' : '85210';
  if (east < 2) return north >= 1 ? '85203' : north >= 0 ? '85201' : '85204';
  if (east < 5) return north >= 1 ? '85213' : north >= -1 ? '85205' : '85206';
  if (east < 9) return north >= 0 ? '85207' : north >= -3 ? '85208' : '85209';
  return north >= 0 ? '85215' : '85212';
}

/** Read/bill cycles 1–16 by geography: a 4 × 4 grid over the city, serpentine. */
export function cycleOf(east: number, north: number): number {
  const col = clampIndex((east - cityBounds.west) / ((cityBounds.east - cityBounds.west) / 4));
  const row = clampIndex((cityBounds.north - north) / ((cityBounds.north - cityBounds.south) / 4));
  return col * 4 + (col % 2 === 0 ? row : 3 - row) + 1;
}
function clampIndex(x: number): number {
  return Math.min(3, Math.max(0, Math.floor(x)));
}
