import { z } from 'zod';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';

/** HTTP schemas of the bill-run and account-bills routes (the OpenAPI contract). */
const id = z.number().int();
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const localDateSchema = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD')
  .transform((s) => s as LocalDate);

export const runParams = z.object({ runId: idParam });
export const accountParams = z.object({ accountId: idParam });

export const startRunBody = z.object({
  cycle: z.number().int().min(1).max(16),
  asOf: localDateSchema,
  dryRun: z.boolean().optional(),
});

export const listRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
});

export const exceptionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  code: z
    .string()
    .regex(/^[a-z_]{1,60}$/, 'a code like no_read')
    .optional(),
});

export const registerQuery = z.object({ format: z.enum(['json', 'csv']).optional() });

const counts = { billed: id, skipped: id, failed: id };

export const dryRunReport = z.object({
  accounts: id,
  ...counts,
  totalCents: id,
  exceptions: list(z.object({ status: z.string(), code: z.string(), accounts: id })),
});

export const startedRun = z.object({
  runId: id.nullable(),
  dryRun: z.boolean(),
  report: dryRunReport.nullable(),
});

export const runView = z.object({
  runId: id,
  cycle: id,
  asOf: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string(),
  startedBy: z.string(),
  ...counts,
  billedCents: id,
});

export const runDetail = runView.extend({
  /** Accounts the run visits (the progress bar's maximum). */
  accounts: id,
  done: id,
});

export const runList = z.object({ runs: list(runView) });

export const exceptionsPage = z.object({
  exceptions: list(
    z.object({
      accountId: id,
      accountNo: z.string(),
      status: z.enum(['skipped', 'failed']),
      code: z.string(),
      detail: z.string().nullable(),
    }),
  ),
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: id.nullable(),
});

export const registerReport = z.object({
  runId: id,
  cycle: id,
  asOf: z.string(),
  status: z.string(),
  bills: id,
  totalCents: id,
  byService: list(
    z.object({
      service: z.string(),
      bills: id,
      chargesCents: id,
      taxesCents: id,
      totalCents: id,
    }),
  ),
  byFund: list(z.object({ fund: z.string(), bills: id, totalCents: id })),
  bySchedule: list(z.object({ schedule: z.string(), bills: id, chargesCents: id })),
  taxes: list(z.object({ jurisdiction: z.string(), code: z.string(), lines: id, amountCents: id })),
  exceptions: list(z.object({ status: z.string(), code: z.string(), accounts: id })),
});

/** JSON, or with `?format=csv` the same register as CSV text. */
export const registerResponse = z.union([registerReport, z.string()]);

export const accountBillsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
});

export const accountBillsResponse = z.object({
  bills: list(
    z.object({
      billId: id,
      periodStart: z.string(),
      periodEnd: z.string(),
      billDate: z.string(),
      dueDate: z.string(),
      totalCents: id,
      status: z.string(),
    }),
  ),
  usage: list(
    z.object({
      service: z.string(),
      unit: z.string(),
      months: list(z.object({ month: z.string(), usage: z.number() })),
    }),
  ),
});
