import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addDays, localDate, type LocalDate } from '../../src/core/dates.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction, type Database } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { enterRead, installMeter, parseReading } from '../../src/modules/metering/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

const ctx = { actor: systemActor('e2e'), now: new Date() };

/**
 * One active water agreement's meter with a held read: the meter is installed first if the
 * demo city does not hold it yet, a baseline read is entered if it has none, then a read the
 * day after its latest accepted one with the same value — zero usage on an installed meter,
 * which validation holds.
 */
async function meterWithHeldRead(db: Database) {
  const a = await db.pool.query<{
    accountId: number;
    premiseId: number;
    meterNumber: string;
    installedOn: LocalDate | null;
  }>(
    `SELECT sa.account_id AS "accountId", sa.premise_id AS "premiseId",
            sa.meter_number AS "meterNumber", m.installed_on AS "installedOn"
       FROM service_agreement sa JOIN account a ON a.id = sa.account_id
       LEFT JOIN meter m ON m.meter_number = sa.meter_number
      WHERE sa.service = 'water' AND sa.status = 'active' AND a.status = 'active'
        AND sa.meter_number ~ '^[A-Z0-9-]+$' AND (m.id IS NULL OR m.status = 'installed')
      ORDER BY sa.account_id LIMIT 1`,
  );
  const target = a.rows[0];
  assert.ok(target, 'a demo water agreement with a meter number');
  const meterNumber = target.meterNumber;
  const heldOn = expectOk(
    await inTransaction(db, async (tx) => {
      if (target.installedOn === null) {
        expectOk(
          await installMeter(
            tx,
            {
              premiseId: target.premiseId,
              meterNumber,
              service: 'water',
              size: '3/4',
              installedOn: localDate('2026-01-01'),
              registers: [{ kind: 'gallon', dials: 6, initialMilli: 1_000_000 }],
            },
            ctx,
          ),
        );
      }
      const last = await tx.query<{ readDate: LocalDate; value: string }>(
        `SELECT mr.read_date AS "readDate", mr.value::text AS value
           FROM meter_read mr JOIN register r ON r.id = mr.register_id
           JOIN meter m ON m.id = r.meter_id
          WHERE m.meter_number = $1 AND r.kind = 'gallon' AND mr.status = 'accepted'
          ORDER BY mr.read_date DESC, mr.id DESC LIMIT 1`,
        [meterNumber],
      );
      let latest = last.rows[0];
      if (!latest) {
        latest = { readDate: target.installedOn ?? localDate('2026-01-01'), value: '1000' };
        const base = { meterNumber, register: 'gallon' as const, source: 'field' as const };
        expectOk(
          await enterRead(tx, { ...base, readDate: latest.readDate, valueMilli: 1_000_000 }, ctx),
        );
      }
      const readDate = addDays(latest.readDate, 1);
      const held = expectOk(
        await enterRead(
          tx,
          {
            meterNumber,
            register: 'gallon',
            readDate,
            valueMilli: parseReading(latest.value)!,
            source: 'field',
          },
          ctx,
        ),
      );
      assert.equal(held.holdReason, 'zero_usage');
      return { ok: true as const, value: readDate };
    }),
  );
  const [y, m, d] = heldOn.split('-');
  return { ...target, heldOn: `${m}/${d}/${y}` };
}

describeBrowser('Read review (browser)', (t) => {
  it('a reviewer releases a held read from the queue; the account page shows it released', async () => {
    const target = await meterWithHeldRead(t.server.db);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr2');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Read review' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Read review' }).waitFor();
      const table = page.getByRole('table', { name: 'Held reads' });
      await table.waitFor();
      // The queue may hold the demo city's own held reads: narrow it to this meter.
      await page.getByLabel('Meter number').fill(target.meterNumber);
      await page.getByRole('button', { name: 'Filter' }).click();
      const releaseName = `Release ${target.meterNumber} read of ${target.heldOn}`;
      const release = table.getByRole('button', { name: releaseName });
      await release.waitFor();
      const row = table
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: releaseName }) });
      await row.getByText('Zero usage').waitFor();
      await page.getByText('1 held read, oldest first.').waitFor();
      // A bill run's held-read exception links here with the meter: the queue opens narrowed.
      await page.goto(`/reads/review?meter=${encodeURIComponent(target.meterNumber)}`);
      await release.waitFor();
      assert.equal(await page.getByLabel('Meter number').inputValue(), target.meterNumber);
      await page.getByText('1 held read, oldest first.').waitFor();
      await assertAccessible(page, 'the Read review queue');
      await screenshot(page, 'read-review-queue');

      // The reject form opens in place, with a labelled reason, and can be closed again.
      await table
        .getByRole('button', { name: `Reject ${target.meterNumber} read of ${target.heldOn}` })
        .click();
      await table.getByLabel('Reason for rejecting').waitFor();
      await table
        .getByRole('button', { name: `Reject ${target.meterNumber} read of ${target.heldOn}` })
        .click();

      await release.focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .getByText(`Released ${target.meterNumber} read of ${target.heldOn}.`)
        .waitFor();
      assert.equal(await release.count(), 0);
      await screenshot(page, 'read-review-released');

      await page.goto(`/accounts/${target.accountId}`);
      const meters = page.getByRole('region', { name: 'Meters and reads' });
      const reads = meters.getByRole('table', {
        name: `Reads of meter ${target.meterNumber}, gallon`,
      });
      await reads.waitFor();
      const text = (await reads.textContent()) ?? '';
      assert.match(text, /Held, released/);
      assert.match(text, /Accepted/);
      await meters
        .getByRole('button', { name: `Request re-read of meter ${target.meterNumber}` })
        .click();
      await meters.getByText(/Re-read requested for meter/).waitFor();
      // The meter lists its open order; a CSR sees it without the crew's actions.
      const orders = meters.getByRole('list', {
        name: `Open field orders for meter ${target.meterNumber}`,
      });
      await orders.getByText(/^Re-read order \d+$/).waitFor();
      assert.equal(await orders.getByRole('button').count(), 0);
      await assertAccessible(page, 'the account page with meters');
      await screenshot(page, 'account-meters-and-reads');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('the Read review page fits a tablet-width window and says when the queue is empty', async () => {
    const s = await openSession(t.browser, t.server.baseUrl, tablet);
    try {
      const { page } = s;
      await signIn(page, 'csr2');
      await page.goto('/reads/review');
      await page.getByRole('heading', { level: 1, name: 'Read review' }).waitFor();
      await page.getByLabel('Held because').selectOption('negative_usage');
      await page.getByText(/No held reads for these filters/).waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, 'read-review-tablet');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
