import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { devPiiKey } from '../customers/index.ts';

/**
 * Bank account numbers for autopay are needed in full only to write the NACHA file, so they
 * are stored encrypted (AES-256-GCM) under a key derived from CIS_PII_KEY — the same secret
 * that keys customers' identifier hashes (customers/pii.ts; the public development key when
 * unset). Screens and the API show `****1234` only.
 */
function key(): Buffer {
  const k = process.env.CIS_PII_KEY;
  const secret = k !== undefined && k.length > 0 ? k : devPiiKey;
  return createHash('sha256').update(`ach-account:${secret}`).digest();
}

/** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function sealAccountNumber(accountNumber: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([c.update(accountNumber, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openAccountNumber(sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined)
    throw new Error('unreadable sealed account number');
  const d = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
}

export function maskBankAccount(last4: string): string {
  return `****${last4}`;
}
