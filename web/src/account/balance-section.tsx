import { useRoute } from 'wouter';
import { AccountBills } from '../billing/account-bills.tsx';
import { formatCents, formatDate, titleCase } from '../format.ts';
import { PaymentHistory } from '../payments/payment-history.tsx';
import type { Overview } from './types.ts';

/** Balance by fund and in total, deposits held and deposits still required. */
export function BalanceSection({ overview }: { readonly overview: Overview }) {
  const { balances, depositRequirements } = overview;
  const owes = balances.totalCents > 0;
  return (
    <section className="card" aria-labelledby="acct-balance">
      <h2 id="acct-balance">Balance</h2>
      <p className="acct-total">
        <span className="muted">Total </span>
        <strong className="num">{formatCents(balances.totalCents)}</strong>{' '}
        <span className="muted">
          {owes ? '(owed)' : balances.totalCents < 0 ? '(credit)' : '(nothing owed)'}
        </span>
      </p>
      {balances.byFund.length > 0 ? (
        <table className="table acct-compact">
          <caption className="visually-hidden">Balance by fund</caption>
          <thead>
            <tr>
              <th scope="col">Fund</th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {balances.byFund.map((f) => (
              <tr key={f.fund}>
                <th scope="row">{titleCase(f.fund)}</th>
                <td className="num">{formatCents(f.balanceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No charges or payments posted yet.</p>
      )}
      <h3>Deposits</h3>
      <p>
        Held: <strong className="num">{formatCents(balances.depositsHeldCents)}</strong>
      </p>
      {depositRequirements.length > 0 ? (
        <ul className="acct-list">
          {depositRequirements.map((d, i) => (
            <li key={`${d.feeCode}-${i}`}>
              <strong>{formatCents(d.amountCents)}</strong> required since{' '}
              {formatDate(d.requiredOn)} · {d.reason}{' '}
              <span className="muted">
                ({d.feeCode}, {titleCase(d.status)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No deposit required.</p>
      )}
    </section>
  );
}

/**
 * The account's bills and usage (billing), and its payments (payments). The account id
 * comes from the route, so the account page needs no change.
 */
export function BillsAndPayments() {
  const [, params] = useRoute('/accounts/:accountId');
  return (
    <>
      <AccountBills accountId={Number(params?.accountId)} />
      <PaymentHistory accountId={Number(params?.accountId)} />
    </>
  );
}
