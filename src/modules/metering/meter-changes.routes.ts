import { localDate } from '../../core/dates.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { exchangeMeter, installMeter, removeMeter } from './meter-changes.ts';
import * as s from './metering.schema.ts';
import type { RegisterKind } from './parse-reads-file.ts';
import { milli, svc } from './route-helpers.ts';

const tags = ['metering'];

type RegisterBody = {
  readonly kind: RegisterKind;
  readonly dials: number;
  readonly multiplier?: string | undefined;
  readonly initialReading: string;
};

const registersOf = (registers: readonly RegisterBody[]) =>
  registers.map((r) => ({
    kind: r.kind,
    dials: r.dials,
    ...(r.multiplier === undefined ? {} : { multiplier: r.multiplier }),
    initialMilli: milli(r.initialReading),
  }));

const finalMilliOf = (readings: Readonly<Partial<Record<RegisterKind, string>>>) =>
  Object.fromEntries(
    Object.entries(readings).map(([kind, reading]) => [kind, milli(reading)]),
  ) as Partial<Record<RegisterKind, number>>;

/** Install, remove and exchange meters (BIL-1; meters.manage: dispatchers, field techs). */
export const meterChangeRoutes = [
  route({
    method: 'POST',
    url: '/api/meters',
    access: 'meters.manage',
    summary: 'Install a meter at a premise with its registers and their initial reads',
    tags,
    successStatus: 201,
    body: s.installMeterBody,
    response: s.meterInstalledSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        installMeter(
          tx,
          {
            premiseId: req.body.premiseId,
            meterNumber: req.body.meterNumber,
            service: req.body.service,
            size: req.body.size ?? null,
            installedOn: localDate(req.body.installedOn),
            registers: registersOf(req.body.registers),
          },
          svc(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/meters/:meterNumber/remove',
    access: 'meters.manage',
    summary: 'Remove a meter with a final read of each register',
    tags,
    params: s.meterParams,
    body: s.removeMeterBody,
    response: s.meterRemovedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        removeMeter(
          tx,
          {
            meterNumber: req.params.meterNumber,
            removedOn: localDate(req.body.removedOn),
            finalMilli: finalMilliOf(req.body.finalReadings),
          },
          svc(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/meters/:meterNumber/exchange',
    access: 'meters.manage',
    summary:
      'Exchange a meter: final reads on the old one, initial reads on the new one; the service moves to the new meter',
    tags,
    params: s.meterParams,
    body: s.exchangeMeterBody,
    response: s.meterExchangedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        exchangeMeter(
          tx,
          {
            old: {
              meterNumber: req.params.meterNumber,
              removedOn: localDate(req.body.exchangedOn),
              finalMilli: finalMilliOf(req.body.finalReadings),
            },
            replacement: {
              meterNumber: req.body.replacement.meterNumber,
              size: req.body.replacement.size ?? null,
              registers: registersOf(req.body.replacement.registers),
            },
          },
          svc(req, ctx),
        ),
      ),
  }),
];
