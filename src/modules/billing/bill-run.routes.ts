import { localDateOf } from '../../core/dates.ts';
import { err, ok } from '../../core/result.ts';
import { withClient } from '../../db/index.ts';
import { route, type AppContext } from '../../shells/http/route-spec.ts';
import { accountBills, accountUsage } from './account-bills.ts';
import { billRegister, registerCsv } from './bill-register.ts';
import { getBillRun, listBillRuns, runAccountCount, runExceptions } from './bill-run-queries.ts';
import {
  accountBillsQuery,
  accountBillsResponse,
  accountParams,
  exceptionsPage,
  exceptionsQuery,
  listRunsQuery,
  registerQuery,
  registerResponse,
  runDetail,
  runList,
  runParams,
  startRunBody,
  startedRun,
} from './bill-run.schema.ts';
import { startBillRunInBackground } from './bill-run-start.ts';
import { runBillRun } from './run-bill-run.ts';

const tags = ['billing'];
const recentRuns = 20;
const exceptionsPageSize = 50;
const accountBillsMax = 60;

function logBackgroundFailure(ctx: AppContext) {
  return (e: unknown) => {
    // The run already marked its row failed; the desk shows that. Keep the stack for ops.
    console.error(`bill run failed in the background (${ctx.now().toISOString()}):`, e);
  };
}

export const billRunRoutes = [
  route({
    method: 'POST',
    url: '/api/bill-runs',
    access: 'billing.run',
    summary:
      'Start a bill run of a cycle as of a date (BIL-4): 202 with the run id at once, the run ' +
      'continues in the server; a dry run answers with its report and writes nothing',
    tags,
    body: startRunBody,
    response: startedRun,
    successStatus: 202,
    handler: async (req, ctx) => {
      const { cycle, asOf } = req.body;
      if (req.body.dryRun === true) {
        const r = await runBillRun(
          ctx.db,
          { cycle, asOf, dryRun: true },
          { actor: req.actor, now: ctx.now() },
        );
        if (!r.ok) return r;
        const { accounts, billed, skipped, failed, totalCents, exceptionCodes } = r.value;
        const report = {
          accounts,
          billed,
          skipped,
          failed,
          totalCents,
          exceptions: exceptionCodes,
        };
        return ok({ runId: null, dryRun: true, report });
      }
      const started = await startBillRunInBackground(
        ctx.db,
        { cycle, asOf, billDate: localDateOf(ctx.now(), ctx.timeZone) },
        { actor: req.actor, clock: ctx.now },
        logBackgroundFailure(ctx),
      );
      if (!started.ok) return started;
      return ok({ runId: started.value.runId, dryRun: false, report: null });
    },
  }),
  route({
    method: 'GET',
    url: '/api/bill-runs',
    access: 'billing.run',
    summary: 'The most recent bill runs, newest first',
    tags,
    query: listRunsQuery,
    response: runList,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) =>
        ok({ runs: await listBillRuns(q, req.query.limit ?? recentRuns) }),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/bill-runs/:runId',
    access: 'billing.run',
    summary: 'One bill run: status and counts (live while it runs), the accounts it visits',
    tags,
    params: runParams,
    response: runDetail,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) => {
        const run = await getBillRun(q, req.params.runId);
        if (!run) return err('bill_run_not_found', `no bill run ${req.params.runId}`);
        const done = run.billed + run.skipped + run.failed;
        const accounts = Math.max(done, await runAccountCount(q, run));
        return ok({ ...run, accounts, done });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/bill-runs/:runId/exceptions',
    access: 'billing.run',
    summary: "The run's accounts not billed (skipped or failed) with code and detail, by account",
    tags,
    params: runParams,
    query: exceptionsQuery,
    response: exceptionsPage,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) => {
        if (!(await getBillRun(q, req.params.runId))) {
          return err('bill_run_not_found', `no bill run ${req.params.runId}`);
        }
        const limit = req.query.limit ?? exceptionsPageSize;
        const rows = await runExceptions(q, req.params.runId, {
          afterAccountId: req.query.after ?? 0,
          limit,
          ...(req.query.code === undefined ? {} : { code: req.query.code }),
        });
        const nextAfter = rows.length === limit ? rows[rows.length - 1]!.accountId : null;
        return ok({ exceptions: rows, nextAfter });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/bill-runs/:runId/register',
    access: 'billing.run',
    summary:
      'The bill register of a run: totals by service, fund and schedule, taxes by ' +
      'jurisdiction, exceptions by code (`?format=csv`: the same as CSV)',
    tags,
    params: runParams,
    query: registerQuery,
    response: registerResponse,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) => {
        const register = await billRegister(q, req.params.runId);
        if (!register) return err('bill_run_not_found', `no bill run ${req.params.runId}`);
        return ok(req.query.format === 'csv' ? registerCsv(register) : register);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/bills',
    access: 'customers.read',
    summary: "The account's bills, newest first, and 13 months of usage per metered service",
    tags,
    params: accountParams,
    query: accountBillsQuery,
    response: accountBillsResponse,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) => {
        const { accountId } = req.params;
        const bills = await accountBills(q, accountId, req.query.limit ?? accountBillsMax);
        const today = localDateOf(ctx.now(), ctx.timeZone);
        return ok({ bills, usage: await accountUsage(q, accountId, today) });
      }),
  }),
];
