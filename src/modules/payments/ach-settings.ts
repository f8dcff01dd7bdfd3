/**
 * The city's ACH origination settings: who the file is for (the ODFI, the city's bank) and
 * who the city is to the network (company id). From the environment (CIS_ACH_*) with the demo
 * city's values by default — sandbox numbers that pass the ABA check, no real bank.
 */
export type AchSettings = {
  readonly immediateDestination: string;
  readonly destinationName: string;
  readonly immediateOrigin: string;
  readonly originName: string;
  readonly companyName: string;
  readonly companyId: string;
  /** The ODFI's first eight routing digits: the prefix of every trace number. */
  readonly originatingDfi: string;
  readonly entryDescription: string;
};

export function achSettings(env: NodeJS.ProcessEnv = process.env): AchSettings {
  return {
    immediateDestination: env.CIS_ACH_DESTINATION ?? '231380104',
    destinationName: env.CIS_ACH_DESTINATION_NAME ?? 'CITY BANK',
    immediateOrigin: env.CIS_ACH_ORIGIN ?? '122107030',
    originName: env.CIS_ACH_ORIGIN_NAME ?? 'CITY OF MESA UTILITIES',
    companyName: env.CIS_ACH_COMPANY_NAME ?? 'CITY OF MESA',
    companyId: env.CIS_ACH_COMPANY_ID ?? '1866000001',
    originatingDfi: (env.CIS_ACH_ORIGIN ?? '122107030').slice(0, 8),
    entryDescription: 'UTIL BILL',
  };
}
