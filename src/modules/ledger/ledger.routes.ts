import { z } from 'zod';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { accountBalances } from './account-balances.ts';
import { listGlAccounts } from './chart.ts';
import {
  accountBalancesSchema,
  chartSchema,
  entryPageSchema,
  idParam,
  listEntriesQuery,
  localDateSchema,
  manualEntryBody,
  postedEntrySchema,
  reverseEntryBody,
  trialBalanceSchema,
} from './ledger.schema.ts';
import { listEntries } from './list-entries.ts';
import { postEntry } from './post-entry.ts';
import { reverseEntry } from './reverse-entry.ts';
import { trialBalance } from './trial-balance.ts';
import type { JournalLineInput, PostEntryInput } from './types.ts';

const tags = ['ledger'];

/** Maps the validated body to the service input (optional fields left out, not undefined). */
function toPostEntryInput(
  body: z.infer<typeof manualEntryBody>,
  headerKey: string | undefined,
): PostEntryInput {
  const key = body.idempotencyKey ?? headerKey;
  const lines = body.lines.map((l): JournalLineInput => ({
    glAccount: l.glAccount,
    ...(l.debitCents === undefined ? {} : { debitCents: cents(l.debitCents) }),
    ...(l.creditCents === undefined ? {} : { creditCents: cents(l.creditCents) }),
    ...(l.accountId === undefined ? {} : { accountId: l.accountId }),
    ...(l.memo === undefined ? {} : { memo: l.memo }),
  }));
  return {
    kind: body.kind,
    sourceRef: body.sourceRef,
    effectiveDate: localDate(body.effectiveDate),
    memo: body.memo,
    lines,
    ...(key === undefined ? {} : { idempotencyKey: key }),
  };
}

export const ledgerRoutes = [
  route({
    method: 'GET',
    url: '/api/ledger/trial-balance',
    access: 'ledger.read',
    summary: 'Trial balance: every GL account by fund, optionally as of a date',
    tags,
    query: z.object({ asOf: localDateSchema.optional() }),
    response: trialBalanceSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) =>
        ok(await trialBalance(tx, req.query.asOf ? { asOf: localDate(req.query.asOf) } : {})),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/ledger/accounts',
    access: 'ledger.read',
    summary: 'The chart of accounts by fund',
    tags,
    response: chartSchema,
    handler: (_req, ctx) =>
      inTransaction(ctx.db, async (tx) => ok({ accounts: await listGlAccounts(tx) })),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/balances',
    access: 'customers.read',
    summary: "A customer account's receivable balance per fund and deposits held",
    tags: ['ledger', 'accounts'],
    params: z.object({ accountId: idParam }),
    response: accountBalancesSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => ok(await accountBalances(tx, req.params.accountId))),
  }),
  route({
    method: 'GET',
    url: '/api/ledger/entries',
    access: 'ledger.read',
    summary: 'Journal entries, newest first, optionally for one customer account',
    tags,
    query: listEntriesQuery,
    response: entryPageSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const { accountId, before, limit } = req.query;
        return ok(
          await listEntries(tx, {
            limit,
            ...(accountId === undefined ? {} : { accountId }),
            ...(before === undefined ? {} : { before }),
          }),
        );
      }),
  }),
  route({
    method: 'POST',
    url: '/api/ledger/entries',
    access: 'ledger.post',
    summary: 'Post a manual journal entry (balanced; idempotent by key)',
    tags,
    body: manualEntryBody,
    response: postedEntrySchema,
    successStatus: 201,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        postEntry(tx, toPostEntryInput(req.body, req.idempotencyKey), {
          actor: req.actor,
          now: ctx.now(),
        }),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/ledger/entries/:entryId/reverse',
    access: 'ledger.post',
    summary: 'Reverse a journal entry by posting its mirror',
    tags,
    params: z.object({ entryId: idParam }),
    body: reverseEntryBody,
    response: postedEntrySchema,
    successStatus: 201,
    handler: (req, ctx) => {
      const key = req.body.idempotencyKey ?? req.idempotencyKey;
      return inTransaction(ctx.db, (tx) =>
        reverseEntry(
          tx,
          {
            entryId: req.params.entryId,
            reason: req.body.reason,
            effectiveDate: localDate(req.body.effectiveDate),
            ...(key === undefined ? {} : { idempotencyKey: key }),
          },
          { actor: req.actor, now: ctx.now() },
        ),
      );
    },
  }),
];
