/**
 * NACHA return reason codes (addenda 99) and notification-of-change codes (addenda 98) with
 * their names (moov-io/ach docs/returns.md, testdata/external/ach/moov-returns.md), and what
 * a return means for autopay. Data, not logic: a utility may tighten `stopsAutopay`.
 */
export const returnCodeNames: Readonly<Record<string, string>> = {
  R01: 'Insufficient funds',
  R02: 'Account closed',
  R03: 'No account / unable to locate account',
  R04: 'Invalid account number',
  R05: 'Improper debit to consumer account',
  R06: "Returned per ODFI's request",
  R07: 'Authorization revoked by customer',
  R08: 'Payment stopped',
  R09: 'Uncollected funds',
  R10: 'Customer advises originator is not known or not authorized',
  R11: 'Entry not in accordance with the terms of the authorization',
  R12: 'Branch sold to another DFI',
  R13: 'RDFI not qualified to participate',
  R14: 'Representative payee deceased or unable to continue',
  R15: 'Beneficiary or account holder deceased',
  R16: 'Bank account frozen',
  R17: 'File record edit criteria',
  R18: 'Improper effective entry date',
  R19: 'Amount field error',
  R20: 'Non-payment bank account',
  R21: 'Invalid company ID number',
  R22: 'Invalid individual ID number',
  R23: 'Credit entry refused by receiver',
  R24: 'Duplicate entry',
  R25: 'Addenda error',
  R26: 'Mandatory field error',
  R27: 'Trace number error',
  R28: 'Routing number check digit error',
  R29: 'Corporate customer advises not authorized',
  R30: 'RDFI not participant in check truncation program',
  R31: 'Permissible return entry (CCD and CTX only)',
  R32: 'RDFI non-settlement',
  R33: 'Return of XCK entry',
  R34: 'Limited participation RDFI',
  R35: 'Return of improper debit entry',
  R37: 'Source document presented for payment',
  R38: 'Stop payment on source document',
  R39: 'Improper source document',
  R50: 'State law affecting RCK acceptance',
  R51: 'Item related to RCK entry is ineligible or improper',
  R52: 'Stop payment on item',
  R53: 'Item and RCK entry presented for payment',
  R61: 'Misrouted return',
  R62: 'Return of erroneous or reversing debit',
  R67: 'Duplicate return',
  R68: 'Untimely return',
  R69: 'Field error(s)',
  R70: 'Permissible return entry not accepted',
  R80: 'IAT entry coding error',
  R81: 'Non-participant in IAT program',
  R82: 'Invalid foreign receiving DFI identification',
  R83: 'Foreign receiving DFI unable to settle',
  R84: 'Entry not processed by gateway',
  R85: 'Incorrectly coded outbound international payment',
};

/** Change codes (addenda 98) and the corrected data each carries. */
export const changeCodeNames: Readonly<Record<string, string>> = {
  C01: 'Incorrect DFI account number',
  C02: 'Incorrect routing number',
  C03: 'Incorrect routing number and DFI account number',
  C04: 'Incorrect individual name / receiving company name',
  C05: 'Incorrect transaction code',
  C06: 'Incorrect DFI account number and transaction code',
  C07: 'Incorrect routing number, DFI account number and transaction code',
  C08: 'Incorrect receiving DFI identification (IAT only)',
  C09: 'Incorrect individual identification number',
  C10: 'Incorrect company name',
  C11: 'Incorrect company identification',
  C12: 'Incorrect company name and company identification',
  C13: 'Addenda format error',
  C14: 'Incorrect SEC code for outbound international payment',
};

/**
 * Returns after which the bank account must not be debited again without a new
 * authorization: closed, missing, invalid, revoked, stopped, unauthorized, frozen or
 * non-payment accounts, deceased holders. R01/R09 (funds) keep autopay: the next bill is
 * drafted as usual; repeated returns make the account cash-only, which stops autopay too.
 */
export const stopsAutopay: ReadonlySet<string> = new Set([
  'R02',
  'R03',
  'R04',
  'R05',
  'R07',
  'R08',
  'R10',
  'R11',
  'R12',
  'R14',
  'R15',
  'R16',
  'R20',
  'R29',
]);

export function returnCodeName(code: string): string | null {
  return returnCodeNames[code] ?? null;
}

export function changeCodeName(code: string): string | null {
  return changeCodeNames[code] ?? null;
}
