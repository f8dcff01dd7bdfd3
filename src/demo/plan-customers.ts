import { businessEmail, personEmail, phoneNumber, type NameSource, type Person } from './people.ts';
import type { AccountPlan, CityPlan, PremisePlan } from './plan-types.ts';
import type { Random } from './random.ts';

export type CustomerFactory = {
  readonly person: () => number;
  readonly business: (name: string) => number;
  /** The person behind a person customer (for relatives on the account). */
  readonly personOf: (customer: number) => Person | undefined;
  /** Keeps the customer's created_at at its earliest account. */
  readonly touch: (customer: number, at: string) => void;
  readonly mailingAddress: (
    premise: PremisePlan,
    accountClass: AccountPlan['accountClass'],
  ) => AccountPlan['mail'];
};

/** Winter visitors ("snowbirds") get their bills at home up north. */
const snowbirdHomes: readonly (readonly [string, string, string])[] = [
  ['Minneapolis', 'MN', '55406'],
  ['Cedar Rapids', 'IA', '52402'],
  ['Fargo', 'ND', '58103'],
  ['Madison', 'WI', '53704'],
  ['Boise', 'ID', '83704'],
  ['Spokane', 'WA', '99205'],
  ['Denver', 'CO', '80219'],
  ['Salt Lake City', 'UT', '84106'],
  ['Omaha', 'NE', '68104'],
];

export function createCustomerFactory(
  rnd: Random,
  names: NameSource,
  plan: CityPlan,
): CustomerFactory {
  const people = new Map<number, Person>();
  const person = (): number => {
    const p = names.person();
    const ix = plan.customers.length;
    people.set(ix, p);
    plan.customers.push({
      kind: 'person',
      firstName: p.firstName,
      lastName: p.lastName,
      businessName: null,
      displayName: `${p.lastName}, ${p.firstName}`,
      email: rnd.chance(0.65) ? personEmail(rnd, p) : null,
      phone: rnd.chance(0.97) ? phoneNumber(rnd) : null,
      phoneAlt: rnd.chance(0.2) ? phoneNumber(rnd) : null,
      language: p.hispanic && rnd.chance(0.35) ? 'es' : 'en',
      taxIdDigits: rnd.chance(0.6) ? fakeTaxId(rnd) : null,
      birthYear: rnd.int(1935, 2004),
      createdAt: '',
    });
    return ix;
  };
  const business = (name: string): number => {
    const ix = plan.customers.length;
    plan.customers.push({
      kind: 'business',
      firstName: null,
      lastName: null,
      businessName: name,
      displayName: name,
      email: rnd.chance(0.6) ? businessEmail(rnd, name) : null,
      phone: phoneNumber(rnd),
      phoneAlt: rnd.chance(0.3) ? phoneNumber(rnd) : null,
      language: 'en',
      taxIdDigits: rnd.chance(0.8) ? fakeTaxId(rnd) : null,
      birthYear: null,
      createdAt: '',
    });
    return ix;
  };
  const touch = (customer: number, at: string): void => {
    const c = plan.customers[customer];
    if (c && (c.createdAt === '' || at < c.createdAt)) c.createdAt = at;
  };
  const mailingAddress = (
    p: PremisePlan,
    accountClass: AccountPlan['accountClass'],
  ): AccountPlan['mail'] => {
    if (accountClass === 'residential' && rnd.chance(0.03)) {
      const [city, state, zip] = rnd.pick(snowbirdHomes);
      const street = rnd.pick(['Lake St', 'Oak Ave', '2nd Ave N', 'Maple Dr', 'Prairie Rd']);
      return [`${rnd.int(100, 9999)} ${street}`, null, city, state, zip];
    }
    if (accountClass === 'commercial' && rnd.chance(0.1)) {
      return [`PO Box ${rnd.int(1000, 9999)}`, null, 'Mesa', 'AZ', '85211'];
    }
    return [p.line1, p.unit === null ? null : `Unit ${p.unit}`, 'Mesa', 'AZ', p.zip];
  };
  return { person, business, personOf: (c) => people.get(c), touch, mailingAddress };
}

/** Nine digits starting with 9 (the ITIN range): never a real Social Security number. */
function fakeTaxId(rnd: Random): string {
  return `9${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
}
