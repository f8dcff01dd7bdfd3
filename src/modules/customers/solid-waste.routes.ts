import { z } from 'zod';
import { inTransaction } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { idParam } from './customers.schema.ts';
import { serviceContext } from './route-context.ts';
import { setSolidWasteService } from './solid-waste-service.ts';
import { solidWasteBody } from './solid-waste.schema.ts';

const solidWasteResponse = z.object({
  agreementId: z.number().int(),
  containerYards: z.number().int(),
  containers: z.number().int(),
  pickupsPerWeek: z.number().int(),
  recycling: z.boolean(),
  version: z.number().int(),
});

export const solidWasteRoutes: readonly RouteSpec[] = [
  route({
    method: 'PUT',
    url: '/api/agreements/:agreementId/solid-waste',
    access: 'customers.write',
    tags: ['service'],
    summary: 'Set the bins of a commercial solid-waste agreement (size, count, pickups/week)',
    params: z.object({ agreementId: idParam }),
    body: solidWasteBody,
    response: solidWasteResponse,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        setSolidWasteService(
          tx,
          { ...req.body, agreementId: req.params.agreementId },
          serviceContext(req, ctx),
        ),
      ),
  }),
];
