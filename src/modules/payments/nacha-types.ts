/**
 * A NACHA (ACH) file as read and written by nacha-parse.ts / nacha-write.ts: records of 94
 * characters — file header (1), batches of batch header (5), entries (6) with their addenda
 * (7), batch control (8) — then the file control (9) and padding lines of 9s to a block of
 * ten. Amounts are integer cents; routing numbers keep all nine digits (with the check digit).
 */
export type NachaFileHeader = {
  readonly immediateDestination: string;
  readonly immediateOrigin: string;
  /** YYMMDD as written. */
  readonly creationDate: string;
  readonly creationTime: string;
  readonly fileIdModifier: string;
  readonly destinationName: string;
  readonly originName: string;
  readonly referenceCode: string;
};

/** Addenda 99 (a returned entry). */
export type NachaReturn = {
  readonly kind: 'return';
  readonly line: number;
  readonly code: string;
  readonly originalTrace: string;
  readonly dateOfDeath: string;
  readonly originalRdfi: string;
  readonly info: string;
};

/** Addenda 98 (a notification of change: the corrected data for the next entry). */
export type NachaChange = {
  readonly kind: 'change';
  readonly line: number;
  readonly code: string;
  readonly originalTrace: string;
  readonly originalRdfi: string;
  readonly correctedData: string;
};

/** Any other addenda (05 payment-related information, 710–718 IAT, …), kept as text. */
export type NachaOtherAddenda = {
  readonly kind: 'other';
  readonly line: number;
  readonly typeCode: string;
  readonly text: string;
};

export type NachaAddenda = NachaReturn | NachaChange | NachaOtherAddenda;

export type NachaEntry = {
  readonly line: number;
  /** 22/27 checking credit/debit, 23/28 prenotes, 21/26 returns and NOCs, 3x savings. */
  readonly transactionCode: string;
  /** Nine digits: the RDFI's eight and the check digit. */
  readonly routingNumber: string;
  readonly accountNumber: string;
  readonly amountCents: number;
  readonly individualId: string;
  readonly individualName: string;
  readonly discretionaryData: string;
  readonly traceNumber: string;
  readonly addenda: NachaAddenda[];
};

export type NachaBatchHeader = {
  readonly serviceClassCode: string;
  readonly companyName: string;
  readonly companyDiscretionaryData: string;
  readonly companyId: string;
  /** Standard entry class: PPD, CCD, WEB, COR, IAT, … */
  readonly secCode: string;
  readonly entryDescription: string;
  readonly descriptiveDate: string;
  /** YYMMDD as written. */
  readonly effectiveDate: string;
  readonly originatingDfi: string;
  readonly batchNumber: number;
};

export type NachaControlTotals = {
  readonly entryAddendaCount: number;
  readonly entryHash: number;
  readonly totalDebitCents: number;
  readonly totalCreditCents: number;
};

export type NachaBatch = {
  readonly line: number;
  readonly header: NachaBatchHeader;
  readonly entries: NachaEntry[];
  readonly control: NachaControlTotals;
};

export type NachaFile = {
  readonly header: NachaFileHeader;
  readonly batches: NachaBatch[];
  readonly control: NachaControlTotals & {
    readonly batchCount: number;
    readonly blockCount: number;
  };
  readonly entryCount: number;
};

/** A debit when the transaction code's second digit is 5–9 (26, 27, 28, 36, 37, 38, …). */
export function isDebitCode(transactionCode: string): boolean {
  return transactionCode.charCodeAt(1) >= 53;
}

/** The ABA check digit of an 8-digit routing prefix (weights 3, 7, 1). */
export function abaCheckDigit(first8: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * abaWeights[i]!;
  return (10 - (sum % 10)) % 10;
}

const abaWeights = [3, 7, 1, 3, 7, 1, 3, 7] as const;
