/** The fee codes the product itself refers to (rows of fee_schedule seeded by 0060). */
export const feeCodes = {
  accountSetup: 'account_setup',
  connectionElectric: 'connection_electric',
  connectionGas: 'connection_gas',
  connectionWater: 'connection_water',
  sameDay: 'same_day',
  fieldTrip: 'field_trip',
  depositResidential: 'deposit_residential',
  depositResidentialWaterOnly: 'deposit_residential_wws',
  depositHydrant: 'deposit_hydrant',
  seasonalHold: 'seasonal_hold',
} as const;
export type FeeCode = (typeof feeCodes)[keyof typeof feeCodes];
