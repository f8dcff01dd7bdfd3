import { z } from 'zod';
import { services } from './types.ts';

/** Response schemas of the customers routes (the OpenAPI contract). Dates are
 * 'YYYY-MM-DD', instants ISO-8601 UTC strings, money integer cents. */
const id = z.number().int();
/** Services return readonly arrays; the response type says so. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const date = z.string();
const nullableText = z.string().nullable();
const service = z.enum(services);

export const customerCreated = z.object({ customerId: id });
export const versionOnly = z.object({ version: z.number().int() });
export const premiseCreated = z.object({ premiseId: id, premiseNo: z.string() });
export const accountOpened = z.object({ accountId: id, accountNo: z.string() });

export const customerView = z.object({
  customerId: id,
  kind: z.enum(['person', 'business']),
  firstName: nullableText,
  lastName: nullableText,
  businessName: nullableText,
  displayName: z.string(),
  email: nullableText,
  phone: nullableText,
  phoneAlt: nullableText,
  language: z.enum(['en', 'es']),
  taxIdMasked: nullableText,
  birthYear: z.number().int().nullable(),
  version: z.number().int(),
  accounts: list(
    z.object({
      accountId: id,
      accountNo: z.string(),
      accountClass: z.string(),
      status: z.string(),
    }),
  ),
});

export const premiseSummary = z.object({
  premiseId: id,
  premiseNo: z.string(),
  addressLine1: z.string(),
  unit: nullableText,
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  premiseType: z.string(),
  vacant: z.boolean(),
});
export const premiseList = z.object({ premises: list(premiseSummary) });
export const premiseView = premiseSummary.extend({
  latitude: z.number(),
  longitude: z.number(),
  parcel: nullableText,
  cycle: z.number().int(),
  electricTerritory: z.boolean(),
  gasTerritory: z.boolean(),
  serviceHistory: list(
    z.object({
      agreementId: id,
      accountId: id,
      accountNo: z.string(),
      customerName: z.string(),
      service,
      rateSchedule: z.string(),
      status: z.string(),
      startDate: date,
      stopDate: date.nullable(),
      meterNumber: nullableText,
    }),
  ),
});

const mailingAddress = z.object({
  line1: z.string(),
  line2: nullableText,
  city: z.string(),
  state: z.string(),
  zip: z.string(),
});
const json = z.record(z.string(), z.unknown());

export const accountOverview = z.object({
  account: z.object({
    accountId: id,
    accountNo: z.string(),
    accountClass: z.string(),
    status: z.string(),
    openedOn: date,
    closedOn: date.nullable(),
    dueDay: z.number().int().nullable(),
    paperless: z.boolean(),
    version: z.number().int(),
  }),
  customer: z.object({
    customerId: id,
    kind: z.string(),
    displayName: z.string(),
    email: nullableText,
    phone: nullableText,
    phoneAlt: nullableText,
    language: z.string(),
    taxIdMasked: nullableText,
    version: z.number().int(),
  }),
  mailingAddress,
  contacts: list(
    z.object({
      contactId: id,
      name: z.string(),
      relationship: z.string(),
      phone: nullableText,
      email: nullableText,
      mayDiscuss: z.boolean(),
    }),
  ),
  premises: list(
    z.object({
      premiseId: id,
      premiseNo: z.string(),
      address: z.string(),
      agreements: list(
        z.object({
          agreementId: id,
          service,
          rateSchedule: z.string(),
          status: z.string(),
          startDate: date,
          stopDate: date.nullable(),
          meterNumber: nullableText,
        }),
      ),
    }),
  ),
  balances: z.object({
    byFund: list(z.object({ fund: z.string(), balanceCents: z.number().int() })),
    totalCents: z.number().int(),
    depositsHeldCents: z.number().int(),
  }),
  specialStatuses: list(
    z.object({
      status: z.string(),
      startsOn: date,
      endsOn: date.nullable(),
      reason: z.string(),
      reference: nullableText,
      details: json,
      setByName: z.string(),
    }),
  ),
  latestIdentityVerification: z
    .object({
      idType: z.string(),
      idMasked: z.string(),
      issuer: nullableText,
      method: z.string(),
      leaseChecked: z.boolean(),
      verifiedByName: z.string(),
      verifiedAt: z.string(),
    })
    .nullable(),
  recentNotes: list(
    z.object({
      noteId: id,
      category: z.string(),
      body: z.string(),
      createdByName: z.string(),
      createdAt: z.string(),
    }),
  ),
  openFraudSignals: list(z.object({ signal: z.string(), detail: json, raisedAt: z.string() })),
  depositRequirements: list(
    z.object({
      feeCode: z.string(),
      amountCents: z.number().int(),
      reason: z.string(),
      status: z.string(),
      requiredOn: date,
    }),
  ),
});

export const contactsChanged = z.object({ version: z.number().int(), addedIds: list(id) });
export const noteAdded = z.object({ noteId: id });
export const timelinePage = z.object({
  events: list(
    z.object({
      id,
      at: z.string(),
      kind: z.string(),
      summary: z.string(),
      actorName: z.string(),
      source: z.enum(['event', 'ledger']),
      refType: nullableText,
      refId: nullableText,
      amountCents: z.number().int().nullable(),
    }),
  ),
  nextBefore: z.string().nullable(),
});
export const statusChanged = z.object({ statusId: id });
export const identityRecorded = z.object({ verificationId: id, idLast4: z.string() });

const fee = z.object({
  code: z.string(),
  description: z.string(),
  amountCents: z.number().int(),
  glRevenue: z.string(),
  fund: z.string(),
  service: service.nullable(),
});
const deposit = z.object({
  feeCode: z.string(),
  amountCents: z.number().int(),
  reason: z.string(),
});
const signal = z.object({
  kind: z.string(),
  amountCents: z.number().int().optional(),
  accountNos: list(z.string()).optional(),
});

export const startPreview = z.object({
  accountClass: z.string(),
  opensAccount: z.boolean(),
  agreements: list(z.object({ service, rateSchedule: z.string() })),
  fees: list(fee),
  totalFeesCents: z.number().int(),
  fraudSignals: list(signal),
  blocked: z.boolean(),
  blockReason: nullableText,
  depositRequirements: list(deposit),
  supersededAgreementIds: list(id),
});

const fieldOrders = list(
  z.object({
    orderId: id,
    kind: z.string(),
    service: z.string(),
    meterNumber: z.string().nullable(),
    dueOn: date.nullable(),
  }),
);

const startedResult = z.object({
  customerId: id,
  accountId: id,
  accountNo: z.string(),
  accountOpened: z.boolean(),
  agreements: list(
    z.object({
      agreementId: id,
      service,
      rateSchedule: z.string(),
      premiseId: id,
      meterNumber: z.string().nullable(),
      startDate: date,
      continued: z.boolean(),
    }),
  ),
  fees: list(fee),
  totalFeesCents: z.number().int(),
  journalEntryId: id.nullable(),
  fraudSignals: list(signal),
  depositRequirements: list(deposit),
});

const stoppedResult = z.object({
  stopped: list(
    z.object({
      agreementId: id,
      service,
      premiseId: id,
      meterNumber: z.string().nullable(),
      stopDate: date,
      revertedToAccountId: id.nullable(),
    }),
  ),
  reverted: list(z.object({ agreementId: id, accountId: id, service, startDate: date })),
  accountStatus: z.string(),
});

/** The field orders the change opened (turn-on, turn-off, move-in/out reads). */
export const startResult = startedResult.extend({ fieldOrders });
export const stopResult = stoppedResult.extend({ fieldOrders });
export const transferResult = z.object({
  stopped: stoppedResult,
  started: startedResult,
  fieldOrders,
});
