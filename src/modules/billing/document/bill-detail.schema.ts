import { z } from 'zod';

/** HTTP schema of GET /api/bills/:billId (documents the API; the service builds the value). */
const read = z.object({ readDate: z.string(), value: z.number(), estimated: z.boolean() });

const registerReads = z.object({
  meterNumber: z.string(),
  register: z.enum(['kwh', 'therm', 'gallon', 'kw']),
  multiplier: z.number(),
  previous: read.nullable(),
  current: read.nullable(),
  usage: z.number(),
});

const line = z.object({
  lineNo: z.number().int(),
  code: z.string(),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  amountCents: z.number().int(),
  isTax: z.boolean(),
  explanation: z.record(z.string(), z.unknown()),
});

const service = z.object({
  service: z.string(),
  agreementId: z.number().int().nullable(),
  rateSchedule: z.string().nullable(),
  serviceAddress: z.string().nullable(),
  lines: z.array(line).readonly(),
  chargesCents: z.number().int(),
  taxCents: z.number().int(),
  subtotalCents: z.number().int(),
  lastDay: z.string().nullable(),
  reads: registerReads.nullable(),
  /** The meters replaced in the period (meter exchange): previous → final read, oldest first. */
  replacedMeterReads: z.array(registerReads).readonly(),
  usageHistory: z
    .object({
      months: z.array(z.object({ month: z.string(), usage: z.number() })).readonly(),
      sameMonthLastYear: z.number().nullable(),
      dailyAverage: z.number(),
      dailyAverageLastYear: z.number().nullable(),
    })
    .nullable(),
});

export const billDetailSchema = z.object({
  billId: z.number().int(),
  runId: z.number().int().nullable(),
  status: z.enum(['issued', 'cancelled']),
  accountId: z.number().int(),
  accountNo: z.string(),
  customerName: z.string(),
  language: z.enum(['en', 'es']),
  paperless: z.boolean(),
  email: z.string().nullable(),
  mailingAddress: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    state: z.string(),
    zip: z.string(),
  }),
  serviceAddresses: z.array(z.string()).readonly(),
  billDate: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  periodDays: z.number().int(),
  dueDate: z.string(),
  services: z.array(service).readonly(),
  taxesCents: z.number().int(),
  totalCents: z.number().int(),
  balance: z.object({
    previousBalanceCents: z.number().int(),
    paymentsAndCreditsCents: z.number().int(),
    otherChargesCents: z.number().int(),
    balanceForwardCents: z.number().int(),
  }),
  pastDueCents: z.number().int(),
  amountDueCents: z.number().int(),
  budget: z
    .object({
      planId: z.number().int(),
      actualCents: z.number().int(),
      instalmentCents: z.number().int(),
      settlementCents: z.number().int(),
      amountDueCents: z.number().int(),
      deferredAfterCents: z.number().int(),
      deferredBeforeCents: z.number().int(),
    })
    .nullable(),
  final: z.boolean(),
  seasonalHolds: z
    .array(
      z.object({
        from: z.string(),
        through: z.string(),
        services: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
});
