import { base, en, en_US, es, es_MX, Faker } from '@faker-js/faker';
import {
  businessKinds,
  businessPlaces,
  businessSuffixes,
  commonSurnames,
  contractorKinds,
  hispanicSurnames,
  irrigationOwners,
  tailSurnameShare,
} from './name-lists.ts';
import type { Random } from './random.ts';

/**
 * Names, phones and e-mails for the demo city. Structural choices use our own seeded
 * `Random`; faker (seeded from the same seed) supplies first names and the long tail of
 * surnames. E-mails use the reserved example.com/.net/.org domains so that a demo city can
 * never mail a real person.
 */
export type Person = {
  readonly firstName: string;
  readonly lastName: string;
  readonly hispanic: boolean;
  readonly female: boolean;
};

export type NameSource = {
  readonly person: () => Person;
  readonly relative: (of: Person) => Person;
  readonly business: () => string;
  readonly irrigationOwner: () => string;
  readonly contractor: () => string;
};

export function createNameSource(rnd: Random, seed: number): NameSource {
  const fakerEn = new Faker({ locale: [en_US, en, base] });
  const fakerEs = new Faker({ locale: [es_MX, es, en, base] });
  fakerEn.seed(seed);
  fakerEs.seed(seed + 1);
  const tailEn = fakerEn.rawDefinitions.person?.last_name?.generic ?? [];
  const tailEs = (fakerEs.rawDefinitions.person?.last_name?.generic ?? []).filter(
    (n) => !n.includes(' '),
  );
  const surname = (hispanic: boolean): string => {
    const table = hispanic ? hispanicSurnames : commonSurnames;
    const tail = hispanic ? tailEs : tailEn;
    if (tail.length > 0 && rnd.chance(tailSurnameShare))
      return keepOrFoldAccents(rnd, rnd.pick(tail));
    return rnd.weighted(table);
  };
  const firstName = (hispanic: boolean, female: boolean): string => {
    const sex = female ? 'female' : 'male';
    const f = hispanic && rnd.chance(0.8) ? fakerEs : fakerEn;
    return keepOrFoldAccents(rnd, f.person.firstName(sex));
  };
  const person = (): Person => {
    const hispanic = rnd.chance(0.27);
    const female = rnd.chance(0.5);
    return {
      firstName: firstName(hispanic, female),
      lastName: surname(hispanic),
      hispanic,
      female,
    };
  };
  return {
    person,
    relative: (of) => {
      const female = !of.female;
      return { ...of, female, firstName: firstName(of.hispanic, female) };
    },
    business: () => {
      const kind = rnd.pick(businessKinds);
      const suffix = rnd.pick(businessSuffixes);
      const stem = rnd.chance(0.5) ? `${surname(rnd.chance(0.3))}'s` : rnd.pick(businessPlaces);
      return [stem, kind, suffix].filter((s) => s !== '').join(' ');
    },
    irrigationOwner: () => `${rnd.pick(businessPlaces)} ${rnd.pick(irrigationOwners)}`,
    contractor: () => `${surname(rnd.chance(0.3))} ${rnd.pick(contractorKinds)}`,
  };
}

/** Most conversions upper-cased and stripped accents; keep them on one name in six. */
function keepOrFoldAccents(rnd: Random, name: string): string {
  return rnd.chance(1 / 6) ? name : name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** A 10-digit phone: mostly 480 (Mesa), some 602 and 623 (Phoenix metro). */
export function phoneNumber(rnd: Random): string {
  const area = rnd.weighted([
    ['480', 75],
    ['602', 15],
    ['623', 10],
  ] as const);
  const exchange = rnd.int(2, 9) * 100 + rnd.int(0, 99);
  if (exchange === 555) return phoneNumber(rnd);
  return `${area}${exchange}${String(rnd.int(0, 9999)).padStart(4, '0')}`;
}

export function personEmail(rnd: Random, p: Person): string {
  const f = asciiSlug(p.firstName);
  const l = asciiSlug(p.lastName);
  const local = rnd.weighted([
    [`${f}.${l}`, 3],
    [`${f[0] ?? 'x'}${l}`, 3],
    [`${f}${l}${rnd.int(1, 99)}`, 3],
    [`${l}.${f}${rnd.int(60, 99)}`, 1],
  ]);
  return `${local}${rnd.int(1, 999)}@${rnd.pick(['example.com', 'example.net', 'example.org'])}`;
}

export function businessEmail(rnd: Random, name: string): string {
  const slug = asciiSlug(name).slice(0, 24);
  return `${rnd.pick(['info', 'office', 'billing', 'accounts'])}@${slug}.example.com`;
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
