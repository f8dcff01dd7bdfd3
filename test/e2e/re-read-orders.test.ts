import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addDays } from '../../src/core/dates.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction, type Database } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { createServiceOrder } from '../../src/modules/field/index.ts';
import { enterRead, requestMeterReRead } from '../../src/modules/metering/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';
import { focused, usDate, waterMeter, type WaterMeter } from './support/water-meter.ts';

const ctx = { actor: systemActor('e2e'), now: new Date() };

/**
 * The demo water meter with a held read — the day after its latest accepted read, the same
 * value: no use on a meter in service — and the re-read and leak-check orders asked for it.
 */
async function heldWithOrders(db: Database, m: WaterMeter) {
  const heldOn = addDays(m.lastReadDate, 1);
  const held = expectOk(
    await inTransaction(db, (tx) =>
      enterRead(
        tx,
        {
          meterNumber: m.meterNumber,
          register: 'gallon',
          readDate: heldOn,
          valueMilli: Math.round(m.lastValue * 1000),
          source: 'field',
        },
        ctx,
      ),
    ),
  );
  assert.equal(held.holdReason, 'zero_usage');
  const ask = (reason: 'held_read' | 'leak_check') =>
    inTransaction(db, (tx) => requestMeterReRead(tx, { meterNumber: m.meterNumber, reason }, ctx));
  const reRead = expectOk(await ask('held_read')).orderId;
  const leak = expectOk(await ask('leak_check')).orderId;
  return { heldOn, heldReadId: held.readId, reRead, leak };
}

const orderState = async (db: Database, id: number) =>
  (
    await db.pool.query<{ status: string; result: string | null }>(
      `SELECT status, result FROM service_order WHERE id = $1`,
      [id],
    )
  ).rows[0];

describeBrowser('Field orders on the account page (browser)', (t) => {
  it('a field tech records a re-read that confirms the held read and completes a leak check; a CSR only sees the orders', async () => {
    const db = t.server.db;
    const m = await waterMeter(db);
    const o = await heldWithOrders(db, m);

    const csr = await openSession(t.browser, t.server.baseUrl);
    try {
      await signIn(csr.page, 'csr2');
      await csr.page.goto(`/accounts/${m.accountId}`);
      const meters = csr.page.getByRole('region', { name: 'Meters and reads' });
      const list = meters.getByRole('list', {
        name: `Open field orders for meter ${m.meterNumber}`,
      });
      await list.getByText(`Re-read order ${o.reRead}`).waitFor();
      assert.match((await list.textContent()) ?? '', /a held read to check/);
      assert.equal(await list.getByRole('button').count(), 0);
      csr.assertNoErrors();
    } finally {
      await csr.close();
    }

    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'tech');
      await page.goto(`/accounts/${m.accountId}`);
      const meters = page.getByRole('region', { name: 'Meters and reads' });
      await meters
        .getByRole('button', { name: `Record re-read for Re-read order ${o.reRead}` })
        .click();
      const form = meters.getByRole('group', { name: `Re-read of meter ${m.meterNumber}` });
      const date = form.getByLabel('Read date');
      await focused(date);
      const reading = form.getByLabel('Re-read reading (gallon)');

      // 1. No reading: the form says so on the field.
      await form.getByRole('button', { name: 'Record re-read' }).click();
      await form.getByText('Enter a reading such as 4512 or 227.6.').waitFor();
      await focused(reading);

      // 2. A date on the latest accepted read: refused by the server, on the date field.
      const value = m.lastValue.toString();
      await reading.fill(value);
      await date.fill(m.lastReadDate);
      s.expectHttpError(422, `/api/service-orders/${o.reRead}/reads`);
      await form.getByRole('button', { name: 'Record re-read' }).click();
      await form.getByText(/a new read must come after the latest one/).waitFor();
      await focused(date);
      assert.equal((await orderState(db, o.reRead))!.status, 'open');
      await assertAccessible(page, 'the re-read form with a refusal');

      // 3. Two days after the held read the meter still shows no use: the crew confirms it.
      await date.fill(addDays(o.heldOn, 2));
      await form.getByLabel('Note (optional)').fill('House empty, owner away');
      await screenshot(page, 're-read-form');
      await form.getByRole('button', { name: 'Record re-read' }).click();
      await meters
        .getByText(
          `Re-read of meter ${m.meterNumber} recorded, order ${o.reRead} completed: gallon reading accepted as verified by the crew despite no use; it confirmed the held read, which now counts.`,
        )
        .waitFor();
      const reads = meters.getByRole('table', { name: `Reads of meter ${m.meterNumber}, gallon` });
      const text = (await reads.textContent()) ?? '';
      assert.match(text, new RegExp(`${usDate(o.heldOn)}.*Held, released`));
      assert.match(text, new RegExp(`${usDate(addDays(o.heldOn, 2))}.*Field\\s*Accepted`));
      assert.equal(
        await meters
          .getByRole('button', { name: `Record re-read for Re-read order ${o.reRead}` })
          .count(),
        0,
      );
      const done = await orderState(db, o.reRead);
      assert.equal(done!.status, 'completed');
      assert.match(done!.result ?? '', /confirmed; House empty, owner away$/);

      // 4. The leak check is completed with what the crew found; the timeline says so.
      await meters.getByRole('button', { name: `Complete Leak check order ${o.leak}` }).click();
      const leakForm = meters.getByRole('group', { name: `Complete Leak check order ${o.leak}` });
      await leakForm
        .getByLabel('What the crew found')
        .fill('No leak at the meter or the service line');
      await leakForm.getByRole('button', { name: 'Complete order' }).click();
      await meters.getByText(`Leak check order ${o.leak} completed.`).waitFor();
      assert.equal(
        await meters
          .getByRole('list', { name: `Open field orders for meter ${m.meterNumber}` })
          .count(),
        0,
      );
      await page
        .getByRole('region', { name: 'Timeline' })
        .getByText(`Leak check order ${o.leak} completed: No leak at the meter or the service line`)
        .waitFor();
      await screenshot(page, 're-read-recorded');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('a dispatcher works the field orders list: filters to re-reads and records one that corrects the held read', async () => {
    const db = t.server.db;
    const m = await waterMeter(db);
    const o = await heldWithOrders(db, m);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'dispatcher');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Field orders' })
        .click();
      await page.getByRole('heading', { name: 'Field orders', level: 1 }).waitFor();
      await page.getByLabel('Kind').selectOption('re_read');
      const list = page.getByRole('list', { name: 'Open field orders' });
      const item = list.getByRole('listitem').filter({ hasText: `Re-read order ${o.reRead}` });
      await item.waitFor();
      assert.equal(
        await list.getByText(`Leak check order ${o.leak}`).count(),
        0,
        'filtered to re-reads',
      );
      assert.match((await item.textContent()) ?? '', new RegExp(`meter ${m.meterNumber}`));
      await item.getByRole('link').first().waitFor();

      // The crew found use the read missed: 500 gal more, a day after the held read.
      await item
        .getByRole('button', { name: `Record re-read for Re-read order ${o.reRead}` })
        .click();
      const form = item.getByRole('group', { name: `Re-read of meter ${m.meterNumber}` });
      await form.getByLabel('Re-read reading (gallon)').fill(String(m.lastValue + 500));
      await form.getByLabel('Read date').fill(addDays(o.heldOn, 1));
      await assertAccessible(page, 'the field orders list with a re-read form');
      await screenshot(page, 'field-orders');
      await form.getByRole('button', { name: 'Record re-read' }).click();
      await page
        .getByText(
          `Re-read of meter ${m.meterNumber} recorded, order ${o.reRead} completed: gallon reading accepted; it replaced the held read.`,
        )
        .waitFor();
      await page.getByText('No open field orders for these filters.').waitFor();
      const held = await db.pool.query<{ decision: string; order: number }>(
        `SELECT decision, re_read_order_id::int AS "order" FROM read_review WHERE read_id = $1`,
        [o.heldReadId],
      );
      assert.deepEqual(held.rows, [{ decision: 'replaced', order: o.reRead }]);

      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('a CSR enters a customer-reported read (accepted) and a backwards one (held for review)', async () => {
    const db = t.server.db;
    const m = await waterMeter(db);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`/accounts/${m.accountId}`);
      const meters = page.getByRole('region', { name: 'Meters and reads' });
      const open = meters.getByRole('button', { name: `Enter read of meter ${m.meterNumber}` });
      const enter = async (date: string, reading: string) => {
        await open.click();
        const form = meters.getByRole('group', { name: `Enter a read of meter ${m.meterNumber}` });
        await form.getByLabel('Read date').fill(date);
        await form.getByLabel('Reading (gallon)').fill(reading);
        return form;
      };
      const first = addDays(m.lastReadDate, 1);
      const form = await enter(first, 'abc');
      assert.equal(await form.getByLabel('Source').inputValue(), 'customer');
      await form.getByRole('button', { name: 'Enter read' }).click();
      await form.getByText('Enter a reading such as 4512 or 227.6.').waitFor();
      await form.getByLabel('Reading (gallon)').fill(String(m.lastValue + 300));
      await assertAccessible(page, 'the enter-read form');
      await form.getByRole('button', { name: 'Enter read' }).click();
      await meters
        .getByText(
          `gallon read ${m.lastValue + 300} of ${usDate(first)} entered for meter ${m.meterNumber}: accepted.`,
        )
        .waitFor();
      const reads = meters.getByRole('table', { name: `Reads of meter ${m.meterNumber}, gallon` });
      assert.match(
        (await reads.textContent()) ?? '',
        new RegExp(`${usDate(first)}.*Customer\\s*Accepted`),
      );

      // A reading below the last one is held, not refused: the review queue decides it.
      const second = addDays(first, 1);
      const again = await enter(second, String(m.lastValue + 100));
      await again.getByRole('button', { name: 'Enter read' }).click();
      await meters
        .getByText(
          `gallon read ${m.lastValue + 100} of ${usDate(second)} entered for meter ${m.meterNumber}: held for review (below the last reading). The Read review queue decides it.`,
        )
        .waitFor();
      assert.match((await reads.textContent()) ?? '', /Held: negative usage/);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('a dispatcher completes a turn-off order with its final reading from the list', async () => {
    const db = t.server.db;
    const m = await waterMeter(db);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'dispatcher');
      await page.goto('/field-orders');
      const list = page.getByRole('list', { name: 'Open field orders' });
      const turnOff = expectOk(
        await inTransaction(db, async (tx) => {
          const premise = await tx.query<{ id: number }>(
            `SELECT premise_id::int AS id FROM meter WHERE meter_number = $1`,
            [m.meterNumber],
          );
          return createServiceOrder(
            tx,
            {
              kind: 'turn_off',
              premiseId: premise.rows[0]!.id,
              meterNumber: m.meterNumber,
              reason: 'Stop of water service: turn off, final read',
            },
            ctx,
          );
        }),
      ).orderId;
      await page.getByLabel('Kind').selectOption('turn_off');
      const off = list.getByRole('listitem').filter({ hasText: `Turn-off order ${turnOff}` });
      await off
        .getByRole('button', { name: `Record reading for Turn-off order ${turnOff}` })
        .click();
      const offForm = off.getByRole('group', { name: `Reading of meter ${m.meterNumber}` });
      await offForm.getByLabel('Field reading (gallon)').fill(String(m.lastValue + 700));
      await offForm.getByLabel('Read date').fill(addDays(m.lastReadDate, 5));
      await offForm.getByRole('button', { name: 'Record reading' }).click();
      await page
        .getByText(
          new RegExp(
            `^Reading of meter ${m.meterNumber} recorded, order ${turnOff} completed: gallon reading (accepted|held for review)`,
          ),
        )
        .waitFor();
      assert.equal((await orderState(db, turnOff))!.status, 'completed');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
