import { useState } from 'react';
import { formatCents, formatDate, titleCase } from '../format.ts';
import { useBudgetBilling, type BudgetAction, type BudgetBilling } from './use-budget-billing.ts';
import './high-bill.css';

const refusals: Readonly<Record<string, string>> = {
  budget_residential_only: 'Budget billing is for residential accounts only.',
  budget_outside_window:
    'Enrolment is open November to January (gas-only customers: June to August).',
  budget_history_too_short: 'The customer needs 12 consecutive months of bills at the residence.',
  budget_balance_unpaid: 'The balance must be paid in full before enrolling.',
  budget_removed_this_window:
    'Removed after a late payment: the customer may enrol again in the next window.',
  account_closed: 'The account is closed.',
};

/**
 * Budget billing (BIL-9) on the account page: the plan (instalment, deferred balance, next
 * settlement, the bills under it), or whether the customer can enrol and at what
 * instalment. Enrol, leave and remove after a late payment for roles that change accounts; the
 * seasonal hold has its own section (it also holds the plan).
 */
export function BudgetBillingSection(props: {
  readonly accountId: number;
  readonly canWrite: boolean;
}) {
  const { data, error, act } = useBudgetBilling(props.accountId);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function run(body: BudgetAction, done: string) {
    setProblem(null);
    setNotice(null);
    const refused = await act(body);
    if (refused) setProblem(refused);
    else setNotice(done);
  }
  const active = data?.plan?.status === 'active' ? data.plan : null;
  return (
    <section className="card" aria-labelledby="acct-budget">
      <h2 id="acct-budget">Budget billing</h2>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : data === null ? (
        <p aria-live="polite">Loading budget billing…</p>
      ) : active && data.current ? (
        <ActivePlan data={data} canWrite={props.canWrite} run={run} />
      ) : (
        <NotEnrolled data={data} canWrite={props.canWrite} run={run} />
      )}
    </section>
  );
}

type Run = (body: BudgetAction, done: string) => Promise<void>;

function NotEnrolled(props: { data: BudgetBilling; canWrite: boolean; run: Run }) {
  const { plan, eligibility: e } = props.data;
  return (
    <>
      <p>Not on budget billing.</p>
      {plan ? (
        <p className="muted">
          The last plan ended {formatDate(plan.endedOn)} ({titleCase(plan.endReason ?? 'ended')}).
        </p>
      ) : null}
      {e.eligible && e.instalmentCents !== null ? (
        <>
          <p>
            Eligible: the monthly instalment would be{' '}
            <strong>{formatCents(e.instalmentCents)}</strong> (last 12 months ÷ 12 + 10%).
          </p>
          {props.canWrite ? (
            <button
              type="button"
              onClick={() => void props.run({ action: 'enrol' }, 'Enrolled in budget billing.')}
            >
              Enrol in budget billing
            </button>
          ) : null}
        </>
      ) : (
        <p className="muted">
          Not eligible now: {refusals[e.code ?? ''] ?? e.detail ?? 'see the budget billing rules.'}
        </p>
      )}
    </>
  );
}

function ActivePlan(props: { data: BudgetBilling; canWrite: boolean; run: Run }) {
  const plan = props.data.plan!;
  const cur = props.data.current!;
  return (
    <>
      <dl className="bb-facts">
        <dt>Monthly instalment</dt>
        <dd>{formatCents(cur.instalmentCents)}</dd>
        <dt>Deferred balance</dt>
        <dd>
          {formatCents(cur.deferredCents)}{' '}
          <span className="muted">(billed minus asked; settled on the anniversary bill)</span>
        </dd>
        <dt>Next settlement</dt>
        <dd>{formatDate(cur.nextSettlementOn)}</dd>
        <dt>Enrolled</dt>
        <dd>{formatDate(plan.enrolledOn)}</dd>
        {plan.holdFrom ? (
          <>
            <dt>Seasonal hold</dt>
            <dd>
              {formatDate(plan.holdFrom)} – {formatDate(plan.holdThrough)}
            </dd>
          </>
        ) : null}
      </dl>
      {props.data.periods.length === 0 ? (
        <p className="muted">No bill under the plan yet: the next bill asks for the instalment.</p>
      ) : (
        <div className="hb-scroll">
          <table className="table" aria-label="Bills under budget billing">
            <thead>
              <tr>
                <th scope="col">Period end</th>
                <th scope="col" className="num">
                  Actual charges
                </th>
                <th scope="col" className="num">
                  Amount due
                </th>
                <th scope="col" className="num">
                  Deferred after
                </th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {props.data.periods.map((p) => (
                <tr key={p.billId}>
                  <td>{formatDate(p.periodEnd)}</td>
                  <td className="num">{formatCents(p.actualCents)}</td>
                  <td className="num">{formatCents(p.amountDueCents)}</td>
                  <td className="num">{formatCents(p.deferredAfterCents)}</td>
                  <td>
                    {p.event === 'settlement'
                      ? `Settlement ${formatCents(p.settlementCents)}`
                      : p.event
                        ? titleCase(p.event)
                        : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWrite ? <PlanActions run={props.run} /> : null}
    </>
  );
}

function PlanActions(props: { run: Run }) {
  return (
    <>
      <div className="bb-actions">
        <button
          type="button"
          onClick={() => void props.run({ action: 'leave' }, 'Left budget billing.')}
        >
          Leave budget billing
        </button>
        <button
          type="button"
          onClick={() =>
            void props.run(
              { action: 'remove_late_payment' },
              'Removed from budget billing after a late payment.',
            )
          }
        >
          Remove after a late payment
        </button>
      </div>
      <p className="muted">
        A seasonal hold (Seasonal hold, on this page) also holds the plan: its bills ask for their
        actual charges and the plan year waits.
      </p>
    </>
  );
}
