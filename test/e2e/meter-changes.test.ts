import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addDays } from '../../src/core/dates.ts';
import type { Database } from '../../src/db/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';
import type { E2eServer } from './support/e2e-server.ts';
import { cityToday, focused, usDate, waterMeter } from './support/water-meter.ts';

/** What a refusal must leave alone: the meters' states, the reads, the agreement's meter. */
async function meterFacts(db: Database, accountId: number, meterNumber: string) {
  const r = await db.pool.query<{ status: string; reads: number; agreementMeter: string }>(
    `SELECT m.status, (SELECT count(*)::int FROM meter_read mr JOIN register g
                        ON g.id = mr.register_id WHERE g.meter_id = m.id) AS reads,
            (SELECT sa.meter_number FROM service_agreement sa
              WHERE sa.account_id = $1 AND sa.status = 'active') AS "agreementMeter"
       FROM meter m WHERE m.meter_number = $2`,
    [accountId, meterNumber],
  );
  return r.rows[0];
}

/** A new premise where the account starts water before any meter is there (admin, API). */
async function startUnmeteredWater(server: E2eServer, accountId: number): Promise<string> {
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username: 'admin', password: 'demo' },
  });
  const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
  const address = '77 E Gauge Way';
  const premise = await server.app.inject({
    method: 'POST',
    url: '/api/premises',
    headers,
    payload: {
      addressLine1: address,
      city: 'Mesa',
      zip: '85201',
      latitude: 33.41,
      longitude: -111.83,
      premiseType: 'single_family',
      cycle: 6,
    },
  });
  assert.equal(premise.statusCode, 201, premise.body);
  const started = await server.app.inject({
    method: 'POST',
    url: '/api/service/start',
    headers,
    payload: {
      accountId,
      premiseId: (premise.json() as { premiseId: number }).premiseId,
      startDate: cityToday(),
      services: [{ service: 'water' }],
      acceptDeposit: true,
    },
  });
  assert.equal(started.statusCode, 201, started.body);
  return `${address}, Mesa`;
}

describeBrowser('Meter changes on the account page (browser)', (t) => {
  it('a dispatcher exchanges a water meter after two refusals; a CSR sees no meter actions', async () => {
    const db = t.server.db;
    const target = await waterMeter(db);
    const before = await meterFacts(db, target.accountId, target.meterNumber);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'dispatcher');
      await page.goto(`/accounts/${target.accountId}`);
      const meters = page.getByRole('region', { name: 'Meters and reads' });
      const open = meters.getByRole('button', { name: `Exchange meter ${target.meterNumber}` });
      await open.focus();
      await page.keyboard.press('Enter');
      const form = meters.getByRole('group', { name: `Exchange meter ${target.meterNumber}` });
      const date = form.getByLabel('Exchange date');
      await focused(date);
      // The new register starts as a copy of the old one, at reading 0.
      const register = form.getByRole('group', { name: 'New register' });
      assert.equal(await register.getByLabel('Kind').inputValue(), 'gallon');
      assert.equal(await register.getByLabel('Initial reading').inputValue(), '0');
      await form.getByText(`Last read ${target.lastValue.toLocaleString('en-US')}`).waitFor();
      // The replacement may have another register; the clerk adds one, then takes it out.
      await form.getByRole('button', { name: 'Add a register' }).click();
      const second = form.getByRole('group', { name: 'New register 2' });
      assert.equal(await second.getByLabel('Kind').inputValue(), 'kwh');
      await form.getByRole('button', { name: 'Remove the last register' }).click();
      await register.waitFor();
      assert.equal(await second.count(), 0);

      // 1. A replacement number that another meter has.
      const exchangeUrl = `/api/meters/${target.meterNumber}/exchange`;
      const on = cityToday() > target.lastReadDate ? cityToday() : addDays(target.lastReadDate, 1);
      await date.fill(on);
      await form.getByLabel('Final reading (gallon)').fill(String(target.lastValue + 1234));
      await form.getByLabel('New meter number').fill(target.otherMeterNumber);
      await screenshot(page, 'meter-exchange-form');
      s.expectHttpError(409, exchangeUrl);
      await form.getByRole('button', { name: 'Exchange meter' }).click();
      await form.getByText(`Meter number ${target.otherMeterNumber} is already in use`).waitFor();
      assert.deepEqual(await meterFacts(db, target.accountId, target.meterNumber), before);

      // 2. A date on the latest read: final reads come after it.
      const newNumber = `W-E2E-${target.meterNumber}`.slice(0, 30);
      await form.getByLabel('New meter number').fill(newNumber);
      await date.fill(target.lastReadDate);
      s.expectHttpError(422, exchangeUrl);
      await form.getByLabel('New meter number').press('Enter');
      await form.getByText(/a new read must come after the latest one/).waitFor();
      await focused(date);
      assert.deepEqual(await meterFacts(db, target.accountId, target.meterNumber), before);
      await assertAccessible(page, 'the meter exchange form with a refusal');
      await screenshot(page, 'meter-exchange-refused');

      // 3. Exchanged: the new meter with its initial read, the old one removed with its final.
      await date.fill(on);
      await form.getByRole('button', { name: 'Exchange meter' }).click();
      await meters
        .getByText(`Meter ${target.meterNumber} exchanged for ${newNumber} on ${usDate(on)}.`)
        .waitFor();
      const newReads = meters.getByRole('table', { name: `Reads of meter ${newNumber}, gallon` });
      assert.match((await newReads.textContent()) ?? '', /Field \(initial\)/);
      await meters.getByText(`removed ${usDate(on)} · exchanged for ${newNumber}`).waitFor();
      const oldReads = meters.getByRole('table', {
        name: `Reads of meter ${target.meterNumber}, gallon`,
      });
      assert.match((await oldReads.textContent()) ?? '', /Field \(final\)/);
      assert.equal(
        await meters.getByRole('button', { name: `Exchange meter ${target.meterNumber}` }).count(),
        0,
      );
      await meters.getByRole('button', { name: `Exchange meter ${newNumber}` }).waitFor();
      // The rest of the account follows: its Services table names the new meter.
      const services = page.getByRole('region', { name: 'Services' });
      await services.getByText(newNumber, { exact: true }).waitFor();
      const after = await meterFacts(db, target.accountId, target.meterNumber);
      assert.deepEqual(after, {
        status: 'removed',
        reads: before!.reads + 1,
        agreementMeter: newNumber,
      });
      await screenshot(page, 'meter-exchanged');
      s.assertNoErrors();
    } finally {
      await s.close();
    }

    const csr = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = csr;
      await signIn(page, 'csr2');
      await page.goto(`/accounts/${target.accountId}`);
      const meters = page.getByRole('region', { name: 'Meters and reads' });
      await meters
        .getByRole('button', { name: /^Request re-read of meter/ })
        .first()
        .waitFor();
      assert.equal(
        await meters.getByRole('button', { name: /Exchange|Remove|Install/ }).count(),
        0,
      );
      csr.assertNoErrors();
    } finally {
      await csr.close();
    }
  });

  it('a dispatcher installs a meter on a service started without one', async () => {
    const target = await waterMeter(t.server.db);
    const address = await startUnmeteredWater(t.server, target.accountId);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'dispatcher');
      await page.goto(`/accounts/${target.accountId}`);
      const meters = page.getByRole('region', { name: 'Meters and reads' });
      await meters.getByRole('button', { name: `Install water meter at ${address}` }).click();
      const form = meters.getByRole('group', { name: `Install a water meter at ${address}` });
      await form.getByLabel('Meter number').fill('W-E2E-NEW');
      await form.getByLabel('Size (inches)').fill('3/4');
      await form.getByLabel('Initial reading').fill('12');
      await assertAccessible(page, 'the meter install form');
      await screenshot(page, 'meter-install-form');
      await form.getByRole('button', { name: 'Install meter' }).click();
      await meters.getByText(/Meter W-E2E-NEW installed for water on/).waitFor();
      const reads = meters.getByRole('table', { name: 'Reads of meter W-E2E-NEW, gallon' });
      assert.match((await reads.textContent()) ?? '', /12\s*—\s*Field \(initial\)/);
      assert.equal(await meters.getByRole('button', { name: /^Install water meter/ }).count(), 0);

      // Removed again (no replacement): the final read, and no more actions on it.
      await meters.getByRole('button', { name: 'Remove meter W-E2E-NEW' }).click();
      const remove = meters.getByRole('group', { name: 'Remove meter W-E2E-NEW' });
      await remove.getByLabel('Removal date').fill(addDays(cityToday(), 1));
      await remove.getByLabel('Final reading (gallon)').fill('40');
      await remove.getByRole('button', { name: 'Remove meter' }).click();
      await meters.getByText(/Meter W-E2E-NEW removed on/).waitFor();
      assert.match((await reads.textContent()) ?? '', /40\s*28\s*Field \(final\)/);
      assert.equal(await meters.getByRole('button', { name: 'Remove meter W-E2E-NEW' }).count(), 0);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
