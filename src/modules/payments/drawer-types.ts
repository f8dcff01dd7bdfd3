import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import type { DenominationCount } from './drawer-count.ts';

export const drawerStatuses = ['open', 'closed', 'verified', 'deposited'] as const;
export type DrawerStatus = (typeof drawerStatuses)[number];

/** Tenders a drawer takes (ACH never comes to the window). */
export const drawerTenders = ['cash', 'check', 'card'] as const;
export type DrawerTender = (typeof drawerTenders)[number];

export type TenderTotals = Readonly<Record<DrawerTender, Cents>>;

/** Receipts into a drawer per tender: how many, how much (amount + card fee). */
export type DrawerReceipts = Readonly<
  Record<DrawerTender, { readonly count: number; readonly cents: Cents }>
>;

export type DrawerView = {
  readonly drawerId: number;
  readonly cashierId: number;
  readonly cashierName: string;
  readonly businessDate: LocalDate;
  readonly status: DrawerStatus;
  readonly floatCount: DenominationCount;
  readonly floatCents: Cents;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly closeCount: DenominationCount | null;
  /** Live receipts by tender (payments posted into the drawer + city receivable sales). */
  readonly receipts: DrawerReceipts;
  readonly dropsCents: Cents;
  /** At close: what the drawer should hold per tender, what was counted, the difference. */
  readonly expected: TenderTotals | null;
  readonly counted: TenderTotals | null;
  readonly overShortCents: Cents | null;
  readonly overShortEntryId: number | null;
  readonly verifiedAt: string | null;
  readonly verifiedBy: string | null;
  readonly depositId: number | null;
};

/** Who looks at a drawer: a cashier sees only their own; a supervisor sees all. */
export type DrawerViewer = { readonly userId: number; readonly supervisor: boolean };
