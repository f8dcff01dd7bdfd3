import type { z } from 'zod';
import { localDate, localDateOf, type LocalDate } from '../../core/dates.ts';
import type { Result } from '../../core/result.ts';
import { inTransaction, withClient, type Tx } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import type { Actor } from '../audit/index.ts';
import { getBudgetBilling } from './budget-billing-view.ts';
import {
  enrolBudgetBilling,
  holdBudgetBilling,
  leaveBudgetBilling,
  syncBudgetPeriods,
} from './budget-billing.ts';
import { budgetActionBody, budgetBillingSchema } from './budget-billing.schema.ts';
import { accountParams } from './high-bill.schema.ts';

const tags = ['billing'];

type Action = z.infer<typeof budgetActionBody>;

async function act(
  tx: Tx,
  accountId: number,
  a: Action,
  today: LocalDate,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<unknown, string>> {
  if (a.action === 'enrol') return enrolBudgetBilling(tx, { accountId, today }, ctx);
  if (a.action === 'hold') {
    return holdBudgetBilling(
      tx,
      { accountId, from: localDate(a.from), through: localDate(a.through) },
      ctx,
    );
  }
  const reason = a.action === 'leave' ? 'customer_request' : 'late_payment';
  return leaveBudgetBilling(tx, { accountId, on: today, reason }, ctx);
}

export const budgetBillingRoutes: readonly RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/budget-billing',
    access: 'customers.read',
    tags,
    summary:
      "The account's budget billing: plan, instalment, deferred balance, periods, and " +
      'whether it could enrol today',
    params: accountParams,
    response: budgetBillingSchema,
    handler: (req, ctx) =>
      withClient(ctx.db, (q) =>
        getBudgetBilling(q, req.params.accountId, localDateOf(ctx.now(), ctx.timeZone)),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/budget-billing',
    access: 'customers.write',
    tags,
    summary:
      'Enrol on budget billing, leave it, remove it after a late payment, or set a seasonal hold',
    params: accountParams,
    body: budgetActionBody,
    response: budgetBillingSchema,
    handler: (req, ctx) => {
      const today = localDateOf(ctx.now(), ctx.timeZone);
      const svc = { actor: req.actor, now: ctx.now() };
      return inTransaction(ctx.db, async (tx) => {
        const done = await act(tx, req.params.accountId, req.body, today, svc);
        if (!done.ok) return done;
        await syncBudgetPeriods(tx, req.params.accountId);
        return getBudgetBilling(tx, req.params.accountId, today);
      });
    },
  }),
];
