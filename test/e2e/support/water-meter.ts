import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { addDays, type LocalDate } from '../../../src/core/dates.ts';
import { expectOk } from '../../../src/core/result.ts';
import { inTransaction, type Database } from '../../../src/db/index.ts';
import { systemActor } from '../../../src/modules/audit/index.ts';
import { enterRead } from '../../../src/modules/metering/index.ts';

// The demo city's water meter that the meter browser tests work on, and their small helpers.

/** The city's calendar date today (the e2e server runs in America/Phoenix). */
export const cityToday = () =>
  new Date().toLocaleDateString('en-CA', { timeZone: 'America/Phoenix' }) as LocalDate;

/**
 * Waits until the element has focus (focus moves in an effect, after the render). The
 * locator is resolved again on every try, so a re-rendered element is still found.
 */
export async function focused(l: Locator, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await l.evaluate((e) => e === e.ownerDocument.activeElement)) return;
    if (Date.now() > until) throw new Error(`${String(l)} never got the focus`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const usDate = (d: LocalDate) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

export type WaterMeter = {
  readonly accountId: number;
  readonly meterNumber: string;
  readonly lastReadDate: LocalDate;
  readonly lastValue: number;
  /** Another installed meter's number (a duplicate for the replacement). */
  readonly otherMeterNumber: string;
};

/**
 * An active water account (one active agreement) whose installed one-register meter has an
 * accepted read: a field read of 4,512 gal entered a month ago if the demo city has none.
 */
export async function waterMeter(db: Database): Promise<WaterMeter> {
  const r = await db.pool.query<{
    accountId: number;
    meterNumber: string;
    installedOn: LocalDate;
    otherMeterNumber: string;
  }>(
    `SELECT sa.account_id::int AS "accountId", m.meter_number AS "meterNumber",
            m.installed_on AS "installedOn",
            (SELECT o.meter_number FROM meter o WHERE o.status = 'installed' AND o.id <> m.id
              ORDER BY o.id LIMIT 1) AS "otherMeterNumber"
       FROM service_agreement sa JOIN account a ON a.id = sa.account_id
       JOIN meter m ON m.meter_number = sa.meter_number AND m.status = 'installed'
      WHERE sa.service = 'water' AND sa.status = 'active' AND a.status = 'active'
        AND (SELECT count(*) FROM register x WHERE x.meter_id = m.id AND x.kind = 'gallon') = 1
        AND (SELECT count(*) FROM register x WHERE x.meter_id = m.id) = 1
        AND (SELECT count(*) FROM service_agreement y
              WHERE y.account_id = a.id AND y.status = 'active') = 1
      ORDER BY a.id LIMIT 1`,
  );
  const row = r.rows[0];
  assert.ok(row, 'a demo water account with an installed one-register meter');
  const last = async () =>
    (
      await db.pool.query<{ readDate: LocalDate; value: string }>(
        `SELECT mr.read_date AS "readDate", mr.value::text AS value
           FROM meter_read mr JOIN register g ON g.id = mr.register_id
           JOIN meter m ON m.id = g.meter_id
          WHERE m.meter_number = $1 AND mr.status = 'accepted'
          ORDER BY mr.read_date DESC, mr.id DESC LIMIT 1`,
        [row.meterNumber],
      )
    ).rows[0];
  if (!(await last())) {
    const monthAgo = addDays(cityToday(), -30);
    const readDate = row.installedOn > monthAgo ? row.installedOn : monthAgo;
    const read = { meterNumber: row.meterNumber, register: 'gallon' as const, readDate };
    const ctx = { actor: systemActor('e2e'), now: new Date() };
    const entered = await inTransaction(db, (tx) =>
      enterRead(tx, { ...read, valueMilli: 4_512_000, source: 'field' }, ctx),
    );
    expectOk(entered);
  }
  const latest = await last();
  assert.ok(latest);
  return {
    accountId: row.accountId,
    meterNumber: row.meterNumber,
    otherMeterNumber: row.otherMeterNumber,
    lastReadDate: latest.readDate,
    lastValue: Number(latest.value),
  };
}
