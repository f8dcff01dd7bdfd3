import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describeEngines } from '../../../../test/support/test-db.ts';
import { expectOk } from '../../../core/result.ts';
import {
  billCycle,
  billIdOf,
  fixtureAccount,
  fixtureCtx,
  reads,
} from '../document/bill-fixture.ts';
import { pdfPagesText } from '../document/pdf-text.ts';
import { deliveriesOf } from './delivery-log.ts';
import { emailRunBills } from './email-bills.ts';
import { outboxMailer, smtpMailer } from './mailer.ts';

/** A real SMTP server on a free local port that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; mails: ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const from = 'City of Mesa Utilities <bills@mesa.test>';

describeEngines('billing: bill e-mail delivery', (t) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let runId = 0;
  const bills = { es: 0, en: 0, paper: 0 };
  before(async () => {
    smtp = await startSmtp();
    const es = await fixtureAccount(t.db, {
      key: 'ME',
      cycle: 8,
      language: 'es',
      paperless: true,
      email: 'maria@example.test',
    });
    const en = await fixtureAccount(t.db, {
      key: 'MN',
      cycle: 8,
      paperless: true,
      email: 'john@example.test',
    });
    const paper = await fixtureAccount(t.db, { key: 'MP', cycle: 8, email: 'p@example.test' });
    for (const a of [es, en, paper]) await reads(t.db, a.meterNumber, [['2026-01-31', 79_000]]);
    runId = await billCycle(t.db, 8, '2026-01-31');
    bills.es = await billIdOf(t.db, es.accountId, '2026-01-31');
    bills.en = await billIdOf(t.db, en.accountId, '2026-01-31');
    bills.paper = await billIdOf(t.db, paper.accountId, '2026-01-31');
  });
  after(async () => smtp.close());

  it('e-mails paperless bills over SMTP with the PDF attached, in the account’s language', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`);
    const r = expectOk(await emailRunBills(t.db, runId, { ...fixtureCtx, mailer, from }));
    mailer.close();
    assert.deepEqual([r.bills, r.sent, r.failed, r.alreadySent, r.paper], [3, 2, 0, 0, 1]);
    assert.equal(smtp.mails.length, 2);
    const es = smtp.mails.find((m) => m.subject?.startsWith('Su factura'))!;
    assert.ok(es, smtp.mails.map((m) => m.subject).join(' | '));
    assert.equal(es.to && !Array.isArray(es.to) ? es.to.text : '', 'maria@example.test');
    assert.match(es.text ?? '', /Adjuntamos su factura/);
    assert.match(es.text ?? '', /\$118\.21/);
    const pdf = es.attachments[0]!;
    assert.equal(pdf.contentType, 'application/pdf');
    assert.match(pdf.filename ?? '', /\.pdf$/);
    assert.ok((await pdfPagesText(pdf.content)).join(' ').includes('Monto a pagar'));
    const en = smtp.mails.find((m) => m.subject?.startsWith('Your City of Mesa utility bill'));
    assert.match(en?.text ?? '', /Your utility bill is attached/);
    const log = await deliveriesOf(t.db.pool, [bills.es, bills.en, bills.paper]);
    assert.deepEqual(
      log.map((d) => [d.billId, d.channel, d.status, d.attempts, d.address]),
      [
        [bills.es, 'email', 'sent', 1, 'maria@example.test'],
        [bills.en, 'email', 'sent', 1, 'john@example.test'],
      ],
    );
    const audit = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'bill.delivery_sent'`,
    );
    assert.equal(audit.rows[0]!.n, 2);
  });

  it('sends nothing twice: a second e-mail pass only reports them as already sent', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`);
    const r = expectOk(await emailRunBills(t.db, runId, { ...fixtureCtx, mailer, from }));
    mailer.close();
    assert.deepEqual([r.sent, r.alreadySent], [0, 2]);
    assert.equal(smtp.mails.length, 2);
  });

  it('logs a failed SMTP delivery and sends it on the next pass', async () => {
    const a = await fixtureAccount(t.db, {
      key: 'MF',
      cycle: 9,
      paperless: true,
      email: 'fail@example.test',
    });
    await reads(t.db, a.meterNumber, [['2026-01-31', 79_000]]);
    const run = await billCycle(t.db, 9, '2026-01-31');
    const billId = await billIdOf(t.db, a.accountId, '2026-01-31');
    const down = await startSmtp();
    await down.close(); // a server that was there and is gone: connection refused
    const dead = smtpMailer(`smtp://127.0.0.1:${down.port}`);
    const first = expectOk(await emailRunBills(t.db, run, { ...fixtureCtx, mailer: dead, from }));
    dead.close();
    assert.deepEqual([first.sent, first.failed], [0, 1]);
    let log = await deliveriesOf(t.db.pool, [billId]);
    assert.deepEqual([log[0]!.status, log[0]!.attempts], ['failed', 1]);
    assert.match(log[0]!.detail ?? '', /ECONNREFUSED|connect/i);
    const live = smtpMailer(`smtp://127.0.0.1:${smtp.port}`);
    const second = expectOk(await emailRunBills(t.db, run, { ...fixtureCtx, mailer: live, from }));
    live.close();
    assert.deepEqual([second.sent, second.failed], [1, 0]);
    log = await deliveriesOf(t.db.pool, [billId]);
    assert.deepEqual([log[0]!.status, log[0]!.attempts], ['sent', 2]);
    assert.ok(
      smtp.mails.some((m) => m.attachments.length === 1 && m.subject?.includes(a.accountNo)),
    );
  });

  it('writes .eml files to the outbox when SMTP is not configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cis-outbox-'));
    try {
      const a = await fixtureAccount(t.db, {
        key: 'MO',
        cycle: 10,
        paperless: true,
        email: 'box@example.test',
      });
      await reads(t.db, a.meterNumber, [['2026-01-31', 79_000]]);
      const run = await billCycle(t.db, 10, '2026-01-31');
      const mailer = outboxMailer(dir);
      const r = expectOk(await emailRunBills(t.db, run, { ...fixtureCtx, mailer, from }));
      assert.equal(r.sent, 1);
      const files = readdirSync(dir);
      assert.equal(files.length, 1);
      assert.match(files[0]!, /\.eml$/);
      const parsed = await simpleParser(readFileSync(join(dir, files[0]!)));
      assert.equal(parsed.attachments[0]?.contentType, 'application/pdf');
      assert.equal(r.outcomes.find((o) => o.status === 'sent')?.detail, join(dir, files[0]!));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
