import { localDate, localDateOf } from '../../core/dates.ts';
import { err, ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { addScheduleVersion } from './add-schedule-version.ts';
import type { MeterSize } from './engine/types.ts';
import { estimateBill } from './estimate-bill.ts';
import { getScheduleVersions, listSchedules } from './rate-schedules.ts';
import {
  addVersionBody,
  addedVersionSchema,
  estimateBody,
  estimateSchema,
  scheduleCodeParam,
  scheduleDetailSchema,
  scheduleListSchema,
} from './rates.schema.ts';

const tags = ['rates'];

export const rateRoutes = [
  route({
    method: 'POST',
    url: '/api/rates/estimate',
    access: 'customers.read',
    summary: "What one service's bill would be for a usage and period, taxes included (BIL-10)",
    tags,
    body: estimateBody,
    response: estimateSchema,
    handler: (req, ctx) => {
      const b = req.body;
      return inTransaction(ctx.db, (tx) =>
        estimateBill(tx, {
          schedule: b.schedule,
          usage: b.usage,
          from: localDate(b.from),
          to: localDate(b.to),
          ...(b.meterSize === undefined ? {} : { meterSize: b.meterSize as MeterSize }),
          ...(b.winterAverageKgal === undefined ? {} : { winterAverageKgal: b.winterAverageKgal }),
          ...(b.demandKw === undefined ? {} : { demandKw: b.demandKw }),
          ...(b.senior === undefined ? {} : { senior: b.senior }),
        }),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/rates/schedules',
    access: 'customers.read',
    summary: 'Every rate schedule with the version in effect today',
    tags,
    response: scheduleListSchema,
    handler: (_req, ctx) =>
      inTransaction(ctx.db, async (tx) =>
        ok({ schedules: await listSchedules(tx, localDateOf(ctx.now(), ctx.timeZone)) }),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/rates/schedules/:code',
    access: 'customers.read',
    summary: 'One rate schedule with all its effective-dated versions',
    tags,
    params: scheduleCodeParam,
    response: scheduleDetailSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const versions = await getScheduleVersions(tx, req.params.code);
        if (versions.length === 0) return err('unknown_schedule', `no schedule ${req.params.code}`);
        return ok({ code: req.params.code, versions });
      }),
  }),
  route({
    method: 'POST',
    url: '/api/rates/schedules/:code/versions',
    access: 'rates.manage',
    summary: 'Add a version of a rate schedule from an effective date (audited; never edited)',
    tags,
    params: scheduleCodeParam,
    body: addVersionBody,
    response: addedVersionSchema,
    successStatus: 201,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        addScheduleVersion(
          tx,
          {
            code: req.params.code,
            effectiveFrom: localDate(req.body.effectiveFrom),
            version: req.body.version,
          },
          { actor: req.actor, now: ctx.now() },
        ),
      ),
  }),
];
