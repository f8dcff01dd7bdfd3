/**
 * The `field` module's public surface (FLD, first slice): service orders — re-read and leak
 * check orders asked for by metering and billing, hydrant issue/return orders. The dispatch
 * issue grows it (crews, appointments, completion results). See README.md.
 */
export {
  cancelMeterOrders,
  closeServiceOrder,
  createServiceOrder,
  listServiceOrders,
  lockOpenOrder,
  openOrdersForMeters,
  requestReRead,
  rescheduleServiceOrder,
  serviceOrderKinds,
  serviceOrderStatuses,
  type MeterOrder,
  type NewServiceOrder,
  type OpenOrder,
  type ReReadReason,
  type ServiceOrderCode,
  type ServiceOrderKind,
  type ServiceOrderStatus,
  type ServiceOrderView,
} from './service-orders.ts';
export { serviceChangeOrders } from './service-change-orders.ts';
export { fieldRoutes } from './field.routes.ts';
