import { createHmac } from 'node:crypto';

/**
 * Personal identifiers (SSN, ITIN, EIN, ID-card numbers) are never stored in clear
 * (architecture.md): a keyed HMAC-SHA256 lets us find duplicates, the last four let an
 * agent read a number back, and output is always masked.
 *
 * The key comes from env `CIS_PII_KEY`. When it is unset a fixed, public development key is
 * used — fine for the demo and tests, never for production data (README "Configuration").
 * Changing the key makes every stored hash unmatchable: rotate by re-hashing at intake.
 */
export const devPiiKey = 'opencis-development-pii-key-not-secret';

function piiKey(): string {
  const k = process.env.CIS_PII_KEY;
  return k !== undefined && k.length > 0 ? k : devPiiKey;
}

/** Hash of a taxpayer number (SSN/ITIN/EIN); the same 9 digits hash alike in any format. */
export function hashTaxId(digits: string): string {
  return createHmac('sha256', piiKey()).update(`tax:${digits}`).digest('hex');
}

/** Hash of an identity document number, normalised to upper-case letters and digits. */
export function hashIdNumber(normalised: string): string {
  return createHmac('sha256', piiKey()).update(`id:${normalised}`).digest('hex');
}

export function digitsOnly(text: string): string {
  return text.replace(/\D/g, '');
}

export function normaliseIdNumber(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function lastFour(text: string): string {
  return text.slice(-4).padStart(4, '0');
}

/** `***-**-1234` for a taxpayer number (SSN layout whatever the kind). */
export function maskTaxId(last4: string | null): string | null {
  return last4 === null ? null : `***-**-${last4}`;
}

/** `****1234` for an identity document number. */
export function maskIdNumber(last4: string): string {
  return `****${last4}`;
}

/** US phone numbers as 10 digits: a leading country code 1 is dropped. */
export function normalisePhone(text: string): string {
  const d = digitsOnly(text);
  return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
}
