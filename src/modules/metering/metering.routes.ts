import { localDate } from '../../core/dates.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { accountMeters } from './account-meters.ts';
import { completeReRead } from './complete-re-read.ts';
import { heldReadQueue } from './held-reads.ts';
import { hydrantRoutes } from './hydrant.routes.ts';
import { meterChangeRoutes } from './meter-changes.routes.ts';
import { importReads } from './import-reads.ts';
import { enterRead, requestMeterReRead } from './manual-read.ts';
import * as s from './metering.schema.ts';
import { rejectRead, releaseRead, replaceRead } from './read-review.ts';
import { milli, svc } from './route-helpers.ts';

const tags = ['metering'];

export const meteringRoutes = [
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/meters',
    access: 'customers.read',
    summary:
      "The account's meters (and those exchanged away) with registers and the last 13 reads of each; metered services without a meter",
    tags,
    params: s.accountParams,
    response: s.accountMetersSchema,
    handler: (req, ctx) => inTransaction(ctx.db, (tx) => accountMeters(tx, req.params.accountId)),
  }),
  route({
    method: 'POST',
    url: '/api/meters/:meterNumber/reads',
    access: 'reads.enter',
    summary: 'Enter a field or customer read; validated like an import (accepted or held)',
    tags,
    successStatus: 201,
    params: s.meterParams,
    body: s.enterReadBody,
    response: s.enteredReadSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        enterRead(
          tx,
          {
            meterNumber: req.params.meterNumber,
            register: req.body.register,
            readDate: localDate(req.body.readDate),
            valueMilli: milli(req.body.reading),
            source: req.body.source,
          },
          svc(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/meters/:meterNumber/re-read',
    access: 'reads.enter',
    summary: 'Ask the field crew to read the meter again (one open order per meter)',
    tags,
    params: s.meterParams,
    body: s.reReadBody,
    response: s.orderSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        requestMeterReRead(tx, { ...req.body, meterNumber: req.params.meterNumber }, svc(req, ctx)),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/service-orders/:orderId/reads',
    access: 'orders.complete',
    summary:
      "Complete an order that reads a meter (re-read, turn-on, turn-off, move read) with the crew's readings; a re-read's confirm (release) or correct (replace) the register's held reads",
    tags,
    params: s.orderParams,
    body: s.reReadReadingsBody,
    response: s.reReadDoneSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        completeReRead(
          tx,
          {
            orderId: req.params.orderId,
            readDate: localDate(req.body.readDate),
            readings: req.body.readings.map((r) => ({
              register: r.register,
              valueMilli: milli(r.reading),
            })),
            note: req.body.note,
          },
          svc(req, ctx),
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/reads/held',
    access: 'reads.review',
    summary:
      'The held-read review queue, oldest first, a page at a time (filters: cycle, reason, meter; `next` → afterReadId)',
    tags,
    query: s.heldQuery,
    response: s.heldReadsSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => ok(await heldReadQueue(tx, req.query))),
  }),
  route({
    method: 'POST',
    url: '/api/reads/:readId/release',
    access: 'reads.review',
    summary: 'Release a held read: it counts as accepted from now on',
    tags,
    params: s.readParams,
    body: s.releaseBody,
    response: s.releasedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        releaseRead(tx, { readId: req.params.readId, reason: req.body.reason }, svc(req, ctx)),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/reads/:readId/reject',
    access: 'reads.review',
    summary: 'Reject a held read (never counted), optionally requesting a re-read',
    tags,
    params: s.readParams,
    body: s.rejectBody,
    response: s.rejectedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        rejectRead(tx, { ...req.body, readId: req.params.readId }, svc(req, ctx)),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/reads/:readId/replace',
    access: 'reads.review',
    summary: 'Replace a held read with a corrected value (validated like any read)',
    tags,
    params: s.readParams,
    body: s.replaceBody,
    response: s.replacedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        replaceRead(
          tx,
          {
            readId: req.params.readId,
            valueMilli: milli(req.body.reading),
            readDate: req.body.readDate === undefined ? undefined : localDate(req.body.readDate),
            reason: req.body.reason,
          },
          svc(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/reads/import',
    access: 'reads.import',
    summary: 'Import a read file (OpenCIS CSV, Beacon 360, …) given as text; all or nothing',
    tags,
    successStatus: 201,
    body: s.importBody,
    response: s.importSummarySchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        importReads(tx, req.body, { ...svc(req, ctx), engine: ctx.db.engine }),
      ),
  }),
  ...hydrantRoutes,
  ...meterChangeRoutes,
];
