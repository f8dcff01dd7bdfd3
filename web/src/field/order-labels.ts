import type { paths } from '../api/schema.d.ts';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : never;
export type QueuedOrder = Json<paths['/api/service-orders/open']['get']>['orders'][number];
export type OrderKind = QueuedOrder['kind'];

export const orderKinds: readonly OrderKind[] = [
  're_read',
  'leak_check',
  'field_visit',
  'turn_on',
  'turn_off',
  'move_read',
  'hydrant_issue',
  'hydrant_return',
];

/** How the desk names each kind of field order. */
export const kindLabels: Readonly<Record<OrderKind, string>> = {
  re_read: 'Re-read',
  field_visit: 'Field visit',
  leak_check: 'Leak check',
  hydrant_issue: 'Hydrant meter issue',
  hydrant_return: 'Hydrant meter return',
  turn_off: 'Turn-off',
  turn_on: 'Turn-on',
  move_read: 'Move read',
};

const reasonLabels: Readonly<Record<string, string>> = {
  held_read: 'a held read to check',
  estimate_limit: 'estimated twice in a row',
  high_bill: 'high-bill complaint',
  re_read: 'requested by an agent',
  leak_check: 'leak check requested',
};

/** Why metering or billing asked for the order, in the desk's words (else as given). */
export const reasonLabel = (reason: string): string => reasonLabels[reason] ?? reason;
