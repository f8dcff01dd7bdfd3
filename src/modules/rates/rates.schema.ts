import { z } from 'zod';
import { daysBetween, parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { meterSizes } from './engine/types.ts';
import { rateServices, scheduleCodePattern, versionBodySchema } from './rate-version.schema.ts';

/** HTTP schemas of the rates routes: they validate at the edge and document the API. */
const localDateSchema = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD');

const wholeUnits = z.number().int().min(0).max(limits.rateUsageUnitsMax);
const units = ['kWh', 'therm', 'gallon', 'none'] as const;

const scheduleCode = z.string().regex(scheduleCodePattern, 'a schedule code such as E1.1');
export const scheduleCodeParam = z.object({ code: scheduleCode });

export const estimateBody = z
  .object({
    schedule: scheduleCode,
    usage: wholeUnits.describe('whole kWh, therms or gallons'),
    from: localDateSchema.describe('opening read date'),
    to: localDateSchema.describe('closing read date'),
    meterSize: z.enum(meterSizes as [string, ...string[]]).optional(),
    winterAverageKgal: wholeUnits.optional(),
    demandKw: wholeUnits.optional(),
    senior: z.boolean().optional(),
  })
  .refine(
    (b) =>
      parseLocalDate(b.from) === undefined ||
      parseLocalDate(b.to) === undefined ||
      daysBetween(b.from as LocalDate, b.to as LocalDate) > 0,
    { message: 'must be after from', path: ['to'] },
  );

export const estimateSchema = z.object({
  schedule: z.string(),
  scheduleName: z.string(),
  service: z.enum(rateServices),
  unit: z.enum(units),
  days: z.number().int(),
  season: z.enum(['summer', 'winter']),
  lines: z
    .array(
      z.object({
        code: z.string(),
        description: z.string(),
        quantity: z.number(),
        unit: z.string(),
        amountCents: z.number().int(),
      }),
    )
    .readonly(),
  totalCents: z.number().int(),
});

const summarySchema = z.object({
  code: z.string(),
  name: z.string(),
  service: z.enum(rateServices),
  unit: z.enum(units),
  currentVersionFrom: z.string(),
});

export const scheduleListSchema = z.object({ schedules: z.array(summarySchema).readonly() });

/** A stored version as JSON: the engine's RateScheduleVersion (charges as in the body). */
const versionDataSchema = z.object({
  code: z.string(),
  effectiveFrom: z.string(),
  name: z.string(),
  service: z.enum(rateServices),
  unit: z.enum(units),
  pricePer: z.number().int(),
  priceUnit: z.string(),
  summerMonths: z.array(z.number().int()).readonly(),
  charges: z
    .array(z.record(z.string(), z.unknown()))
    .readonly()
    .describe('charges, each of the shape the add-version body takes'),
});

export const scheduleDetailSchema = z.object({
  code: z.string(),
  versions: z
    .array(
      z.object({
        id: z.number().int(),
        effectiveFrom: z.string(),
        createdByName: z.string(),
        createdAt: z.string(),
        version: versionDataSchema,
      }),
    )
    .readonly(),
});

export const addVersionBody = z.object({
  effectiveFrom: localDateSchema,
  version: versionBodySchema,
});

export const addedVersionSchema = versionDataSchema;
