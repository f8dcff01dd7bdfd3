import { api, apiError } from '../api/client.ts';

/** Types of the cashiering API (from the generated schema). */
export type Drawer = {
  readonly drawerId: number;
  readonly cashierName: string;
  readonly businessDate: string;
  readonly status: 'open' | 'closed' | 'verified' | 'deposited';
  readonly floatCents: number;
  readonly receipts: Readonly<Record<'cash' | 'check' | 'card', { count: number; cents: number }>>;
  readonly dropsCents: number;
  readonly expected: Readonly<Record<'cash' | 'check' | 'card', number>> | null;
  readonly counted: Readonly<Record<'cash' | 'check' | 'card', number>> | null;
  readonly overShortCents: number | null;
  readonly verifiedBy: string | null;
  readonly depositId: number | null;
};

export type Count = Record<string, number>;

/** A failed call's message, naming the fields the server named. */
export function messageOf(error: unknown, status: number): string {
  const e = apiError(error, status);
  const fields = e.fields ? Object.entries(e.fields).map(([f, m]) => `${f}: ${m}`) : [];
  return fields.length ? `${e.message} (${fields.join('; ')})` : e.message;
}

export async function myOpenDrawer(): Promise<Drawer | null> {
  const { data } = await api.GET('/api/drawers', { params: { query: { status: 'open' } } });
  return (data?.drawers[0] as Drawer | undefined) ?? null;
}

export async function drawersOn(date: string): Promise<readonly Drawer[]> {
  const { data } = await api.GET('/api/drawers', { params: { query: { date } } });
  return (data?.drawers ?? []) as readonly Drawer[];
}
