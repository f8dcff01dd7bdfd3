import { z } from 'zod';
import { ok } from '../../core/result.ts';
import { inTransaction, withClient } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { accountRoutes } from './accounts.routes.ts';
import { compact } from './compact.ts';
import { createCustomer } from './create-customer.ts';
import { createPremise } from './create-premise.ts';
import * as res from './customers.responses.ts';
import {
  customerBody,
  customerPatchBody,
  idParam,
  identityBody,
  premiseBody,
  premiseSearchQuery,
} from './customers.schema.ts';
import { findPremisesByAddress, getPremise } from './get-premise.ts';
import { getCustomer } from './get-customer.ts';
import { serviceContext } from './route-context.ts';
import { recordIdentityVerification } from './record-identity-verification.ts';
import { updateCustomer } from './update-customer.ts';

const tags = ['customers'];

const customerAndPremiseRoutes: readonly RouteSpec[] = [
  route({
    method: 'POST',
    url: '/api/customers',
    access: 'customers.write',
    tags,
    successStatus: 201,
    summary: 'Create a person or business customer (taxpayer number stored hashed)',
    body: customerBody,
    response: res.customerCreated,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        createCustomer(tx, compact(req.body), serviceContext(req, ctx)),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/customers/:customerId',
    access: 'customers.read',
    tags,
    summary: 'A customer with masked identifiers and their accounts',
    params: z.object({ customerId: idParam }),
    response: res.customerView,
    handler: (req, ctx) => withClient(ctx.db, (q) => getCustomer(q, req.params.customerId)),
  }),
  route({
    method: 'PATCH',
    url: '/api/customers/:customerId',
    access: 'customers.write',
    tags,
    summary: "Change a customer's e-mail, phones or language (optimistic: expectedVersion)",
    params: z.object({ customerId: idParam }),
    body: customerPatchBody,
    response: res.versionOnly,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        updateCustomer(
          tx,
          { ...compact(req.body), customerId: req.params.customerId },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/customers/:customerId/identity-verifications',
    access: 'identity.verify',
    tags,
    successStatus: 201,
    summary: 'Record a verified identity document (number stored hashed, last four kept)',
    params: z.object({ customerId: idParam }),
    body: identityBody,
    response: res.identityRecorded,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        recordIdentityVerification(
          tx,
          { ...compact(req.body), customerId: req.params.customerId },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/premises',
    access: 'customers.write',
    tags,
    successStatus: 201,
    summary: 'Create a premise (service address with coordinates, cycle and territories)',
    body: premiseBody,
    response: res.premiseCreated,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) => createPremise(tx, compact(req.body), serviceContext(req, ctx))),
  }),
  route({
    method: 'GET',
    url: '/api/premises/:premiseId',
    access: 'customers.read',
    tags,
    summary: 'A premise with its service history',
    params: z.object({ premiseId: idParam }),
    response: res.premiseView,
    handler: (req, ctx) => withClient(ctx.db, (q) => getPremise(q, req.params.premiseId)),
  }),
  route({
    method: 'GET',
    url: '/api/premises',
    access: 'customers.read',
    tags,
    summary: 'Premises matching an address (start-service picker; vacant ones flagged)',
    query: premiseSearchQuery,
    response: res.premiseList,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) =>
        ok({ premises: await findPremisesByAddress(q, req.query.address) }),
      ),
  }),
];

/** Every HTTP route of the customers module (search routes are exported separately). */
export const customerRoutes: readonly RouteSpec[] = [...customerAndPremiseRoutes, ...accountRoutes];
