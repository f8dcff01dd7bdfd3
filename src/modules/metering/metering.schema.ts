import { z } from 'zod';
import { parseLocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { serviceOrderKinds } from '../field/index.ts';

/** HTTP schemas of the metering routes: they validate at the edge and document the API. */
const localDateSchema = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD');
const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Meter numbers are upper-case letters, digits and dashes ('W100234', 'H-2291'). */
const meterNumber = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,29}$/, 'a meter number such as W100234 (capitals, digits, -)');
/** A dial reading: a non-negative decimal with at most 3 places. */
const reading = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,3})?$/, 'a reading such as 4512 or 227.6 (at most 3 decimals)');
const reason = z.string().trim().min(1).max(500);
const registerKind = z.enum(['kwh', 'therm', 'gallon', 'kw']);
const holdReason = z.enum(['negative_usage', 'zero_usage', 'high_usage', 'low_usage']);

export const accountParams = z.object({ accountId: idParam });
export const meterParams = z.object({ meterNumber });
export const readParams = z.object({ readId: idParam });

export const enterReadBody = z
  .object({
    readDate: localDateSchema,
    reading,
    register: registerKind.optional(),
    source: z.enum(['field', 'customer']).default('field'),
  })
  .strict();

export const reReadBody = z
  .object({
    reason: z.enum(['re_read', 'estimate_limit', 'high_bill', 'leak_check', 'held_read']),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const heldQuery = z.object({
  cycle: z.coerce.number().int().min(1).max(16).optional(),
  reason: holdReason.optional(),
  meterNumber: meterNumber.optional(),
  /** The `next` of the page before: only reads after that one, in queue order. */
  afterReadId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
});

export const releaseBody = z.object({ reason: reason.optional() }).strict();
export const rejectBody = z.object({ reason, requestReRead: z.boolean().optional() }).strict();
export const replaceBody = z
  .object({ reading, readDate: localDateSchema.optional(), reason: reason.optional() })
  .strict();

export const importBody = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    text: z.string().min(1).max(limits.httpBodyBytesMax),
  })
  .strict();

export const issueHydrantBody = z
  .object({
    accountId: idParam,
    premiseId: idParam,
    meterNumber,
    size: z
      .string()
      .regex(/^\d+(\/\d+)?$/, 'a meter size such as 3 or 3/4')
      .optional(),
    issuedOn: localDateSchema,
    initialReading: reading,
  })
  .strict();
export const returnHydrantBody = z
  .object({ returnedOn: localDateSchema, finalReading: reading.optional() })
  .strict();
export const missingReadBody = z.object({ readDate: localDateSchema }).strict();

// ---- responses -----------------------------------------------------------------------

const readView = z.object({
  readId: z.number().int(),
  readDate: z.string(),
  value: z.string(),
  usage: z.string().nullable(),
  days: z.number().int().nullable(),
  source: z.string(),
  kind: z.string(),
  status: z.enum(['accepted', 'held', 'rejected']),
  holdReason: z.string().nullable(),
  review: z.string().nullable(),
});

export const accountMetersSchema = z.object({
  meters: z
    .array(
      z.object({
        meterNumber: z.string(),
        service: z.string(),
        size: z.string().nullable(),
        status: z.enum(['installed', 'removed']),
        installedOn: z.string(),
        removedOn: z.string().nullable(),
        premiseId: z.number().int(),
        /** The meter that replaced this one in an exchange. */
        exchangedFor: z.string().nullable(),
        registers: z
          .array(
            z.object({
              kind: z.string(),
              multiplier: z.string(),
              dials: z.number().int(),
              reads: z.array(readView).readonly(),
            }),
          )
          .readonly(),
        /** Open field orders for the meter (a re-read is completed with its reading). */
        openOrders: z
          .array(
            z.object({
              orderId: z.number().int(),
              kind: z.enum(serviceOrderKinds),
              reason: z.string(),
              note: z.string().nullable(),
              dueOn: z.string().nullable(),
              openedOn: z.string(),
            }),
          )
          .readonly(),
      }),
    )
    .readonly(),
  /** Active metered agreements naming no meter: where a meter can be installed. */
  servicesWithoutMeter: z
    .array(
      z.object({
        agreementId: z.number().int(),
        premiseId: z.number().int(),
        service: z.string(),
        address: z.string(),
      }),
    )
    .readonly(),
});

export const enteredReadSchema = z.object({
  readId: z.number().int(),
  status: z.enum(['accepted', 'held']),
  holdReason: holdReason.nullable(),
});

export const orderSchema = z.object({ orderId: z.number().int(), created: z.boolean() });

export const orderParams = z.object({ orderId: idParam });

/** The crew's readings on a re-read order: one per register read, on one date. */
export const reReadReadingsBody = z
  .object({
    readDate: localDateSchema,
    readings: z
      .array(z.object({ reading, register: registerKind.optional() }).strict())
      .min(1)
      .max(8),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export const reReadDoneSchema = z.object({
  orderId: z.number().int(),
  reads: z
    .array(
      z.object({
        register: z.string(),
        readId: z.number().int(),
        status: z.enum(['accepted', 'held']),
        holdReason: holdReason.nullable(),
        verifiedHold: holdReason.nullable(),
        heldReads: z
          .array(
            z.object({
              readId: z.number().int(),
              decision: z.enum(['released', 'replaced', 'rejected']),
            }),
          )
          .readonly(),
      }),
    )
    .readonly(),
});

export const heldReadsSchema = z.object({
  /** Held reads waiting for review that match the filters, on every page. */
  total: z.number().int(),
  /** `afterReadId` for the next page; null on the last page. */
  next: z.number().int().nullable(),
  reads: z
    .array(
      z.object({
        readId: z.number().int(),
        meterNumber: z.string(),
        register: z.string(),
        readDate: z.string(),
        value: z.string(),
        usage: z.string().nullable(),
        days: z.number().int().nullable(),
        holdReason: holdReason,
        source: z.string(),
        premiseId: z.number().int(),
        address: z.string(),
        cycle: z.number().int(),
        accountId: z.number().int().nullable(),
        accountNo: z.string().nullable(),
        /** The meter's open re-read order (its reading will decide), else null. */
        reReadOrderId: z.number().int().nullable(),
        previous: z
          .array(
            z.object({
              readDate: z.string(),
              value: z.string(),
              usage: z.string().nullable(),
              days: z.number().int().nullable(),
            }),
          )
          .readonly(),
      }),
    )
    .readonly(),
});

export const releasedSchema = z.object({
  readId: z.number().int(),
  acceptedReadId: z.number().int(),
});
export const rejectedSchema = z.object({
  readId: z.number().int(),
  reReadOrderId: z.number().int().nullable(),
});
export const replacedSchema = z.object({
  readId: z.number().int(),
  replacementReadId: z.number().int(),
  status: z.enum(['accepted', 'held']),
});

export const importSummarySchema = z.object({
  batchId: z.number().int(),
  format: z.string(),
  sha256: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  held: z.number().int(),
  heldByReason: z.record(z.string(), z.number().int()),
  estimated: z.number().int().optional(),
  notes: z.array(z.string()).readonly().optional(),
});

export const hydrantIssuedSchema = z.object({
  meterId: z.number().int(),
  agreementId: z.number().int(),
  depositEntryId: z.number().int(),
});
export const hydrantReturnedSchema = z.object({
  meterId: z.number().int(),
  finalReading: z.string(),
  estimated: z.boolean(),
  depositAppliedEntryId: z.number().int(),
});
export const missingReadSchema = z.object({
  readId: z.number().int(),
  estimatedReading: z.string(),
  feeEntryId: z.number().int(),
});

/** A meter size in inches as rate schedules name it: '5/8', '3/4', '1', '1-1/2', '2' … */
const meterSize = z
  .string()
  .regex(/^\d+(\/\d+|-\d+\/\d+)?$/, 'a meter size such as 3/4, 1 or 1-1/2');
const newRegister = z
  .object({
    kind: registerKind,
    dials: z.number().int().min(1).max(12),
    multiplier: z
      .string()
      .regex(/^\d{1,8}(\.\d{1,4})?$/, 'a multiplier such as 1 or 40')
      .optional(),
    initialReading: reading,
  })
  .strict();
const registers = z.array(newRegister).min(1).max(4);
/** The final reading of each register, by kind: `{ "gallon": "45120" }`. */
const finalReadings = z.partialRecord(registerKind, reading);

export const installMeterBody = z
  .object({
    premiseId: idParam,
    meterNumber,
    service: z.enum(['electric', 'gas', 'water', 'irrigation']),
    size: meterSize.optional(),
    installedOn: localDateSchema,
    registers,
  })
  .strict();

export const removeMeterBody = z.object({ removedOn: localDateSchema, finalReadings }).strict();

export const exchangeMeterBody = z
  .object({
    exchangedOn: localDateSchema,
    finalReadings,
    replacement: z.object({ meterNumber, size: meterSize.optional(), registers }).strict(),
  })
  .strict();

export const meterInstalledSchema = z.object({ meterId: z.number().int() });
export const meterRemovedSchema = z.object({ meterId: z.number().int() });
export const meterExchangedSchema = z.object({
  oldMeterId: z.number().int(),
  newMeterId: z.number().int(),
});
