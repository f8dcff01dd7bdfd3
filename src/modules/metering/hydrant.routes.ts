import { localDate } from '../../core/dates.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import {
  issueHydrantMeter,
  recordMissingHydrantRead,
  returnHydrantMeter,
} from './hydrant-meters.ts';
import * as s from './metering.schema.ts';
import { milli, svc } from './route-helpers.ts';
import { formatMilli } from './validate-read.ts';

const tags = ['metering'];

/** Hydrant meters issued to contractors (meters.manage). */
export const hydrantRoutes = [
  route({
    method: 'POST',
    url: '/api/hydrant-meters',
    access: 'meters.manage',
    summary: "Issue a hydrant meter to a contractor's account (HYD agreement, 1,500.00 deposit)",
    tags,
    successStatus: 201,
    body: s.issueHydrantBody,
    response: s.hydrantIssuedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        issueHydrantMeter(
          tx,
          {
            ...req.body,
            issuedOn: localDate(req.body.issuedOn),
            initialMilli: milli(req.body.initialReading),
          },
          svc(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/hydrant-meters/:meterNumber/return',
    access: 'meters.manage',
    summary: 'Take a hydrant meter back: final read (or estimate + fee), deposit applied',
    tags,
    params: s.meterParams,
    body: s.returnHydrantBody,
    response: s.hydrantReturnedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const r = await returnHydrantMeter(
          tx,
          {
            meterNumber: req.params.meterNumber,
            returnedOn: localDate(req.body.returnedOn),
            finalMilli:
              req.body.finalReading === undefined ? undefined : milli(req.body.finalReading),
          },
          svc(req, ctx),
        );
        if (!r.ok) return r;
        const { finalMilli, ...rest } = r.value;
        return ok({ ...rest, finalReading: formatMilli(finalMilli) });
      }),
  }),
  route({
    method: 'POST',
    url: '/api/hydrant-meters/:meterNumber/missing-read',
    access: 'meters.manage',
    summary: "The contractor's read is missing: an estimated read and the 50.00 fee",
    tags,
    params: s.meterParams,
    body: s.missingReadBody,
    response: s.missingReadSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const r = await recordMissingHydrantRead(
          tx,
          { meterNumber: req.params.meterNumber, readDate: localDate(req.body.readDate) },
          svc(req, ctx),
        );
        if (!r.ok) return r;
        const { estimateMilli, ...rest } = r.value;
        return ok({ ...rest, estimatedReading: formatMilli(estimateMilli) });
      }),
  }),
];
