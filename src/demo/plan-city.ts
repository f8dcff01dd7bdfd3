import { addDays, localDateOf, type LocalDate } from '../core/dates.ts';
import { createNameSource, type NameSource } from './people.ts';
import { createPremiseFactory, type PremiseFactory } from './plan-premises.ts';
import { addExtras } from './plan-extras.ts';
import { createCustomerFactory, type CustomerFactory } from './plan-customers.ts';
import { createMeterNumbers, servicesFor, type ServiceLine } from './plan-services.ts';
import type { AccountPlan, CityPlan, PremisePlan } from './plan-types.ts';
import { createRandom, type Random } from './random.ts';

export type PlanOptions = { readonly accounts: number; readonly seed: number; readonly now: Date };

/** The city's time zone: calendar dates (opened_on, stop dates) are Mesa dates. */
export const demoTimeZone = 'America/Phoenix';

type Ctx = {
  readonly rnd: Random;
  readonly names: NameSource;
  readonly premisesOf: PremiseFactory;
  readonly customersOf: CustomerFactory;
  readonly meter: ReturnType<typeof createMeterNumbers>;
  readonly today: LocalDate;
  readonly plan: CityPlan;
  readonly target: number;
  /** Services of each premise, fixed once so that successive occupants share the meters. */
  readonly lines: Map<number, ServiceLine[]>;
  readonly commercialCustomers: number[];
};

/**
 * Plans a whole demo city in memory: pure and deterministic for a given seed and `now`
 * (no database, no clock). Stops at exactly `accounts` accounts.
 */
export function planCity(options: PlanOptions): CityPlan {
  const rnd = createRandom(options.seed);
  const names = createNameSource(rnd, options.seed);
  const plan: CityPlan = {
    customers: [],
    premises: [],
    accounts: [],
    agreements: [],
    contacts: [],
    verifications: [],
    notes: [],
    statuses: [],
    landlordPremises: [],
  };
  const ctx: Ctx = {
    rnd,
    names,
    plan,
    target: options.accounts,
    lines: new Map(),
    commercialCustomers: [],
    premisesOf: createPremiseFactory(rnd, options.now.toISOString()),
    customersOf: createCustomerFactory(rnd, names, plan),
    meter: createMeterNumbers(),
    today: localDateOf(options.now, demoTimeZone),
  };
  while (plan.accounts.length < ctx.target) {
    const kind = rnd.weighted([
      ['single_family', 68],
      ['building', 2],
      ['commercial', 9],
      ['irrigation', 1.3],
      ['hydrant', 0.35],
      ['landlord', 0.3],
    ] as const);
    if (kind === 'single_family') occupy(ctx, addPremises(ctx, 'single_family')[0] as number);
    else if (kind === 'building') planBuilding(ctx);
    else if (kind === 'commercial') planBusiness(ctx);
    else if (kind === 'irrigation') planIrrigation(ctx);
    else if (kind === 'hydrant') planHydrant(ctx);
    else planLandlord(ctx);
  }
  addExtras(rnd, names, plan, ctx.today);
  return plan;
}

function addPremises(ctx: Ctx, type: PremisePlan['premiseType'], units = 1): number[] {
  const created = ctx.premisesOf.create(type, units);
  const first = ctx.plan.premises.length;
  ctx.plan.premises.push(...created);
  return created.map((p, i) => {
    const ix = first + i;
    ctx.lines.set(ix, servicesFor(ctx.rnd, p, units, ctx.meter));
    return ix;
  });
}

function full(ctx: Ctx): boolean {
  return ctx.plan.accounts.length >= ctx.target;
}

/** A residential premise: usually an active occupant, sometimes a prior one, a few vacant. */
function occupy(ctx: Ctx, premise: number, customer?: () => number): void {
  const { rnd, today } = ctx;
  const makeCustomer = customer ?? (() => ctx.customersOf.person());
  const commercial = ctx.plan.premises[premise]?.premiseType === 'commercial';
  const accountClass = commercial ? 'commercial' : 'residential';
  if (rnd.chance(commercial ? 0.05 : 0.035)) {
    // Vacant: no active agreement (start-service demos need these). Most had an occupant.
    if (rnd.chance(0.7) && !full(ctx)) {
      const stop = addDays(today, -rnd.int(10, 400));
      addAccount(ctx, {
        premise,
        customer: makeCustomer(),
        accountClass,
        start: priorStart(rnd, stop),
        stop,
      });
    }
    return;
  }
  const start = addDays(today, -(20 + Math.floor(365 * 22 * rnd.next() ** 2)));
  if (rnd.chance(0.08) && ctx.plan.accounts.length + 2 <= ctx.target) {
    addAccount(ctx, {
      premise,
      customer: makeCustomer(),
      accountClass,
      start: priorStart(rnd, start),
      stop: start,
    });
  }
  if (!full(ctx))
    addAccount(ctx, { premise, customer: makeCustomer(), accountClass, start, stop: null });
}

function priorStart(rnd: Random, stop: LocalDate): LocalDate {
  return addDays(stop, -rnd.int(180, 3650));
}

type NewAccount = {
  readonly premise: number;
  readonly customer: number;
  readonly accountClass: AccountPlan['accountClass'];
  readonly start: LocalDate;
  /** Exclusive end of service; null while active. */
  readonly stop: LocalDate | null;
  readonly lines?: readonly ServiceLine[];
};

/** Adds an account with its agreements at one premise; returns the account's index. */
function addAccount(ctx: Ctx, a: NewAccount): number {
  const { rnd, plan, today } = ctx;
  const recent = a.stop !== null && a.stop >= addDays(today, -45);
  const status: AccountPlan['status'] =
    a.stop === null ? 'active' : recent ? 'final' : rnd.chance(0.93) ? 'closed' : 'written_off';
  const ix = plan.accounts.length;
  plan.accounts.push({
    customer: a.customer,
    premise: a.premise,
    accountClass: a.accountClass,
    status,
    openedOn: a.start,
    closedOn: status === 'closed' || status === 'written_off' ? a.stop : null,
    mail: ctx.customersOf.mailingAddress(plan.premises[a.premise] as PremisePlan, a.accountClass),
    dueDay:
      status === 'active' && a.accountClass === 'residential' && rnd.chance(0.06)
        ? rnd.int(1, 28)
        : null,
    paperless: rnd.chance(0.3),
    createdAt: `${a.start}T17:00:00.000Z`,
  });
  ctx.customersOf.touch(a.customer, `${a.start}T17:00:00.000Z`);
  for (const line of a.lines ?? ctx.lines.get(a.premise) ?? []) {
    plan.agreements.push({
      account: ix,
      premise: a.premise,
      service: line.service,
      rateSchedule: line.rateSchedule,
      status: a.stop === null ? 'active' : recent ? 'pending_final' : 'closed',
      startDate: a.start,
      stopDate: a.stop,
      meterNumber: line.meterNumber,
      meterSize: line.meterSize,
    });
  }
  return ix;
}

function planBuilding(ctx: Ctx): void {
  const units = ctx.rnd.weighted([
    [2, 20],
    [4, 30],
    [8, 25],
    [16, 15],
    [24, 10],
  ] as const);
  for (const premise of addPremises(ctx, 'multi_unit', units)) occupy(ctx, premise);
}

function planBusiness(ctx: Ctx): void {
  const owner = ctx.customersOf.business(ctx.names.business());
  ctx.commercialCustomers.push(owner);
  const locations = ctx.rnd.chance(0.12) ? 2 : 1;
  for (let i = 0; i < locations && !full(ctx); i++) {
    occupy(ctx, addPremises(ctx, 'commercial')[0] as number, () => owner);
  }
}

function planIrrigation(ctx: Ctx): void {
  const { rnd } = ctx;
  const existing = ctx.commercialCustomers.length > 0 && rnd.chance(0.4);
  const owner = existing
    ? rnd.pick(ctx.commercialCustomers)
    : ctx.customersOf.business(ctx.names.irrigationOwner());
  const premise = addPremises(ctx, 'irrigation')[0] as number;
  const start = addDays(ctx.today, -rnd.int(60, 365 * 15));
  addAccount(ctx, { premise, customer: owner, accountClass: 'commercial', start, stop: null });
}

function planHydrant(ctx: Ctx): void {
  const { rnd } = ctx;
  const owner = ctx.customersOf.business(ctx.names.contractor());
  const meters = rnd.chance(0.3) ? 2 : 1;
  for (let i = 0; i < meters && !full(ctx); i++) {
    const premise = addPremises(ctx, 'hydrant')[0] as number;
    const start = addDays(ctx.today, -rnd.int(5, 330)); // hydrant meters: 12-month terms
    addAccount(ctx, { premise, customer: owner, accountClass: 'commercial', start, stop: null });
  }
}

/** A landlord with a continuous-service agreement: tenants come and go; while a rental is
 * vacant its water, wastewater and solid waste revert to the owner's account. */
function planLandlord(ctx: Ctx): void {
  const { rnd, plan } = ctx;
  const owner = rnd.chance(0.5)
    ? ctx.customersOf.business(
        `${rnd.pick(['Desert', 'Sonoran', 'Mesa', 'Valley'])} Property Management LLC`,
      )
    : ctx.customersOf.person();
  const rentals = addPremises(ctx, 'single_family', 1).concat(
    ...Array.from({ length: rnd.int(2, 6) }, () => addPremises(ctx, 'single_family')),
  );
  const reverted = rentals[0] as number;
  const start = addDays(ctx.today, -rnd.int(400, 4000));
  const keep = new Set(['water', 'wastewater', 'solid_waste']);
  const lines = (ctx.lines.get(reverted) ?? []).filter((l) => keep.has(l.service));
  const account = addAccount(ctx, {
    premise: reverted,
    customer: owner,
    accountClass: 'residential',
    start: addDays(ctx.today, -rnd.int(5, 60)),
    stop: null,
    lines,
  });
  plan.statuses.push({
    account,
    status: 'landlord_agreement',
    startsOn: start,
    endsOn: null,
    reason: 'Landlord continuous-service agreement for rental premises',
    reference: null,
  });
  for (const premise of rentals) {
    plan.landlordPremises.push({ account, premise, startsOn: start });
    if (premise !== reverted && !full(ctx)) occupy(ctx, premise);
  }
}
