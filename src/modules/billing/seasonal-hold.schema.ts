import { z } from 'zod';
import { parseLocalDate } from '../../core/dates.ts';

/** HTTP schemas of the seasonal hold routes (BIL-9 furlough). */
const date = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD');
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const holdParams = z.object({ accountId: id, holdId: id });

export const placeHoldBody = z
  .object({
    from: date,
    through: date,
    services: z
      .array(z.enum(['electric', 'gas', 'water']))
      .min(1, 'choose at least one service')
      .max(3),
    reason: z.string().max(500).optional(),
  })
  .strict()
  .refine((b) => b.through >= b.from, { message: 'must be on or after from', path: ['through'] });

export const endHoldBody = z.object({ on: date }).strict();

export const seasonalHoldSchema = z.object({
  holdId: z.number().int(),
  accountId: z.number().int(),
  status: z.enum(['placed', 'cancelled']),
  from: z.string(),
  through: z.string(),
  services: z.array(z.string()).readonly(),
  meterNumbers: z.array(z.string()).readonly(),
  offOrderIds: z.array(z.number().int()).readonly(),
  onOrderIds: z.array(z.number().int()).readonly(),
  feeEntryId: z.number().int().nullable(),
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  cancelledBy: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** placed and not begun / under way / over; cancelled */
  phase: z.enum(['scheduled', 'active', 'ended', 'cancelled']),
});

export const seasonalHoldsSchema = z.object({
  holds: z.array(seasonalHoldSchema).readonly(),
  /** Services of the account a hold can turn off (active, metered). */
  services: z.array(z.enum(['electric', 'gas', 'water'])).readonly(),
  feePerServiceCents: z.number().int().nullable(),
  monthsMin: z.number().int(),
  monthsMax: z.number().int(),
  leadDaysMax: z.number().int(),
});
