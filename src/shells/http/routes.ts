import { billRoutes, billRunRoutes } from '../../modules/billing/index.ts';
import { billCycleRoutes } from '../../modules/billing/index.ts';
import { adjustmentRoutes } from '../../modules/billing/index.ts';
import {
  budgetBillingRoutes,
  highBillRoutes,
  seasonalHoldRoutes,
  winterAverageRoutes,
} from '../../modules/billing/index.ts';
import { customerRoutes, searchRoutes, serviceRoutes } from '../../modules/customers/index.ts';
import { solidWasteRoutes } from '../../modules/customers/index.ts';
import { fieldRoutes } from '../../modules/field/index.ts';
import { ledgerRoutes } from '../../modules/ledger/index.ts';
import { meteringRoutes } from '../../modules/metering/index.ts';
import { drawerRoutes, paymentRoutes } from '../../modules/payments/index.ts';
import { remittanceRoutes } from '../../modules/payments/index.ts';
import { autopayRoutes, refundRoutes, returnedRoutes } from '../../modules/payments/index.ts';
import { rateRoutes } from '../../modules/rates/index.ts';
import { staffRoutes } from '../../modules/staff/index.ts';
import type { RouteSpec } from './route-spec.ts';
import { afterServiceChange } from './service-change-follow-up.ts';
import { systemRoutes } from './system.routes.ts';

/** The route table: the server, the OpenAPI document and the route × role test use it. */
export function allRoutes(): readonly RouteSpec[] {
  return [
    ...systemRoutes,
    ...staffRoutes,
    ...customerRoutes,
    ...serviceRoutes(afterServiceChange),
    ...searchRoutes,
    ...solidWasteRoutes,
    ...ledgerRoutes,
    ...rateRoutes,
    ...billCycleRoutes,
    ...billRoutes,
    ...billRunRoutes,
    ...adjustmentRoutes,
    ...winterAverageRoutes,
    ...highBillRoutes,
    ...budgetBillingRoutes,
    ...seasonalHoldRoutes,
    ...meteringRoutes,
    ...fieldRoutes,
    ...paymentRoutes,
    ...drawerRoutes,
    ...remittanceRoutes,
    ...autopayRoutes,
    ...returnedRoutes,
    ...refundRoutes,
  ];
}
