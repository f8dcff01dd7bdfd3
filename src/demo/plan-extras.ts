import { addDays, type LocalDate } from '../core/dates.ts';
import { phoneNumber, type NameSource } from './people.ts';
import type { CityPlan, SpecialStatusPlan } from './plan-types.ts';
import type { Random } from './random.ts';

const noteTexts: readonly (readonly [string, string])[] = [
  ['billing', 'Customer called about a high bill; explained summer cooling usage and the tiers.'],
  ['field', 'Dog in the back yard: call the customer before entering for a read.'],
  ['field', 'Meter behind a locked gate; gate code on file with dispatch.'],
  ['general', 'Customer prefers contact by e-mail.'],
  ['billing', 'Set up a payment arrangement over 4 months; first instalment paid.'],
  ['general', 'Spanish-speaking household; transfer calls to a bilingual agent.'],
  ['field', 'Leak reported at the meter box; service order created for Water Resources.'],
  ['billing', 'Late fee waived once as a courtesy (first late payment in 24 months).'],
  ['general', 'Winter visitor: at the premise November through April.'],
];

const idTypes = [
  ['drivers_license', 70],
  ['state_id', 10],
  ['passport', 8],
  ['matricula', 7],
  ['military_id', 3],
  ['tribal_id', 2],
] as const;

/** Contacts, identity verifications, notes and special statuses for some accounts. */
export function addExtras(rnd: Random, names: NameSource, plan: CityPlan, today: LocalDate): void {
  plan.accounts.forEach((a, ix) => {
    const customer = plan.customers[a.customer];
    if (!customer) return;
    if (customer.kind === 'person' && rnd.chance(0.08)) {
      const relative = names.relative({
        firstName: customer.firstName ?? '',
        lastName: customer.lastName ?? '',
        hispanic: false,
        female: rnd.chance(0.5),
      });
      plan.contacts.push({
        account: ix,
        name: `${relative.firstName} ${relative.lastName}`,
        relationship: rnd.pick(['spouse', 'spouse', 'authorized_user', 'property_manager']),
        phone: phoneNumber(rnd),
        email: null,
        mayDiscuss: rnd.chance(0.7),
      });
    }
    if (rnd.chance(0.1)) {
      const [category, body] = rnd.pick(noteTexts);
      const at = addDays(a.openedOn as LocalDate, rnd.int(1, 300));
      plan.notes.push({
        account: ix,
        category,
        body,
        createdAt: `${at < today ? at : today}T18:30:00.000Z`,
      });
    }
    if (a.status === 'active') addSpecialStatus(rnd, plan, ix, today);
  });
  plan.customers.forEach((c, ix) => {
    if (c.kind !== 'person' || !rnd.chance(0.15)) return;
    const idType = rnd.weighted(idTypes);
    plan.verifications.push({
      customer: ix,
      idType,
      idNumber: `${idType === 'passport' ? 'P' : 'D'}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
      issuer: idType === 'matricula' ? 'MX' : idType === 'passport' ? 'US' : 'AZ',
      method: rnd.weighted([
        ['in_person', 6],
        ['id_check_service', 3],
        ['document', 1],
      ] as const),
      leaseChecked: rnd.chance(0.3),
      verifiedAt: c.createdAt === '' ? `${today}T17:00:00.000Z` : c.createdAt,
    });
  });
}

function addSpecialStatus(rnd: Random, plan: CityPlan, account: number, today: LocalDate): void {
  const roll = rnd.next();
  let s: Omit<SpecialStatusPlan, 'account'> | null = null;
  if (roll < 0.006) {
    s = {
      status: 'medical_certificate',
      startsOn: addDays(today, -rnd.int(1, 200)),
      endsOn: addDays(today, rnd.int(30, 330)),
      reason: 'Physician certified life-support equipment at the premise',
      reference: `MC-${rnd.int(10000, 99999)}`,
    };
  } else if (roll < 0.014) {
    s = {
      status: 'cash_only',
      startsOn: addDays(today, -rnd.int(1, 300)),
      endsOn: addDays(today, rnd.int(30, 360)),
      reason: 'Two returned payments within 12 months',
      reference: null,
    };
  } else if (roll < 0.016) {
    s = {
      status: 'bankruptcy',
      startsOn: addDays(today, -rnd.int(10, 500)),
      endsOn: null,
      reason: 'Chapter 7 petition filed; pre-petition balance separated',
      reference: `2:${rnd.int(20, 26)}-bk-${String(rnd.int(1, 19999)).padStart(5, '0')}`,
    };
  } else if (roll < 0.017) {
    s = {
      status: 'deceased',
      startsOn: addDays(today, -rnd.int(5, 90)),
      endsOn: null,
      reason: 'Account holder deceased; estate representative on file',
      reference: null,
    };
  }
  if (s) plan.statuses.push({ account, ...s });
}
