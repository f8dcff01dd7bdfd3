import type { ApiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { todayIso } from '../format.ts';

/** Request and response shapes of the service screens, derived from the generated API types. */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type StartBody = Json<paths['/api/service/start']['post']['requestBody']>;
export type StartPreview = Json<paths['/api/service/start/preview']['post']['responses'][200]>;
export type StartResult = Json<paths['/api/service/start']['post']['responses'][201]>;
export type StopResult = Json<paths['/api/service/stop']['post']['responses'][200]>;
export type TransferResult = Json<paths['/api/service/transfer']['post']['responses'][200]>;
export type SearchHit = Json<paths['/api/search']['get']['responses'][200]>['hits'][number];
export type PremiseSummary = Json<
  paths['/api/premises']['get']['responses'][200]
>['premises'][number];
type PremiseJson = Json<paths['/api/premises/{premiseId}']['get']['responses'][200]>;
/** A picked premise, with the accounts whose active service there is a landlord's
 * continuous service (a start by a tenant takes it over instead of being refused). */
export type PremiseView = PremiseJson & { readonly landlordAccountIds: readonly number[] };
export type AccountOverview = Json<paths['/api/accounts/{accountId}']['get']['responses'][200]>;
export type Service = StartBody['services'][number]['service'];
export type NewCustomer = NonNullable<StartBody['newCustomer']>;
export type Identity = NonNullable<StartBody['identity']>;

export const serviceLabels: Readonly<Record<Service, string>> = {
  water: 'Water',
  wastewater: 'Wastewater (sewer)',
  solid_waste: 'Solid waste (trash)',
  electric: 'Electric',
  gas: 'Gas',
  irrigation: 'Irrigation',
  hydrant: 'Hydrant meter',
};
export const serviceOrder: readonly Service[] = [
  'water',
  'wastewater',
  'solid_waste',
  'electric',
  'gas',
  'irrigation',
  'hydrant',
];

/** The services a premise can take, and those checked by default, by premise type: not those
 * outside its territory, nor those someone other than a landlord already has there. */
export function servicesForPremise(p: PremiseView): {
  readonly offered: readonly Service[];
  readonly checked: readonly Service[];
} {
  const energy: Service[] = [];
  if (p.electricTerritory) energy.push('electric');
  if (p.gasTerritory) energy.push('gas');
  const taken = new Set(
    activeAt(p)
      .filter((a) => !p.landlordAccountIds.includes(a.accountId))
      .map((a) => a.service),
  );
  const free = (l: readonly Service[]) => l.filter((s) => !taken.has(s));
  switch (p.premiseType) {
    case 'irrigation':
      return { offered: ['irrigation', 'water'], checked: free(['irrigation']) };
    case 'hydrant':
      return { offered: ['hydrant'], checked: free(['hydrant']) };
    case 'commercial':
      return {
        offered: ['water', 'wastewater', 'solid_waste', ...energy],
        checked: free(['water', 'wastewater']),
      };
    default:
      return {
        offered: ['water', 'wastewater', 'solid_waste', ...energy],
        checked: free(['water', 'wastewater', 'solid_waste']),
      };
  }
}

/** Why a service cannot start at the premise now, or null (a landlord's service is no bar). */
export function unavailableReason(p: PremiseView, s: Service): string | null {
  if (s === 'electric' && !p.electricTerritory) return 'outside the city electric area';
  if (s === 'gas' && !p.gasTerritory) return 'outside the city gas area';
  const holder = activeAt(p).find((a) => a.service === s);
  if (!holder) return null;
  if (p.landlordAccountIds.includes(holder.accountId)) return null;
  return `already active there on account ${holder.accountNo}`;
}

/** A note for a service checkbox at the premise: who has it now, territory. */
export function serviceNote(p: PremiseView, s: Service): string | undefined {
  const holder = activeAt(p).find((a) => a.service === s);
  if (holder && p.landlordAccountIds.includes(holder.accountId))
    return `held by the landlord (${holder.accountNo}); the start takes it over`;
  return unavailableReason(p, s) ?? undefined;
}

/** Services active at a premise now, with who holds them. */
export function activeAt(p: PremiseView): PremiseView['serviceHistory'] {
  return p.serviceHistory.filter((h) => h.status === 'active');
}

export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export function tomorrowIso(): string {
  return addDaysIso(todayIso(), 1);
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return addDaysIso(s, 0) === s;
}

export function premiseAddress(p: {
  readonly addressLine1: string;
  readonly unit: string | null;
  readonly city: string;
}): string {
  return `${p.addressLine1}${p.unit ? ` #${p.unit}` : ''}, ${p.city}`;
}

/**
 * The server's message for a field: by exact path (`newCustomer.lastName`), or by its last
 * segment (service functions name fields without the body prefix).
 */
export function fieldMessage(error: ApiError | null, ...paths: string[]): string | undefined {
  const fields = error?.fields;
  if (!fields) return undefined;
  for (const p of paths) {
    const hit = fields[p];
    if (hit) return hit;
  }
  return undefined;
}

/** A refusal shown at a field: the field path names it, or the error code belongs to it. */
export function codeMessage(error: ApiError | null, codes: readonly string[]): string | undefined {
  return error && codes.includes(error.code) ? error.message : undefined;
}

/** Field paths the screens show by their inputs; anything else goes to the form banner. */
export function unplacedFields(error: ApiError | null, placed: readonly string[]): string[] {
  if (!error?.fields) return [];
  return Object.entries(error.fields)
    .filter(([k]) => !placed.includes(k))
    .map(([k, v]) => `${k}: ${v}`);
}
