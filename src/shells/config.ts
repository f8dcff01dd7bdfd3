import { resolve } from 'node:path';
import type { ConnectOptions } from '../db/index.ts';

/** Process configuration from the environment, read once by a shell (never by services). */
export type Config = {
  readonly port: number;
  readonly host: string;
  readonly connect: ConnectOptions;
  readonly timeZone: string;
  readonly demoAccounts: number;
  readonly secureCookies: boolean;
  /** Bill e-mail (BIL-7): SMTP_URL (unset = write .eml files to the data folder's outbox/). */
  readonly mail: {
    readonly smtpUrl: string | null;
    readonly from: string;
    readonly outboxDir: string;
  };
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT is not a port: ${env.PORT}`);
  const demoAccounts = Number(env.CIS_DEMO_ACCOUNTS ?? 5000);
  if (!Number.isInteger(demoAccounts) || demoAccounts < 1) {
    throw new Error(`CIS_DEMO_ACCOUNTS must be a positive integer: ${env.CIS_DEMO_ACCOUNTS}`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    connect: env.DATABASE_URL
      ? { databaseUrl: env.DATABASE_URL }
      : { dataDir: resolve(env.CIS_DATA_DIR ?? 'data') },
    timeZone: env.CIS_TIME_ZONE ?? 'America/Phoenix',
    demoAccounts,
    secureCookies: env.CIS_SECURE_COOKIES === 'true',
    mail: {
      smtpUrl: env.SMTP_URL ? env.SMTP_URL : null,
      from: env.BILL_FROM ?? 'City of Mesa Utilities <bills@localhost>',
      outboxDir: resolve(env.CIS_DATA_DIR ?? 'data', 'outbox'),
    },
  };
}
