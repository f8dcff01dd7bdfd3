/**
 * The bill document's words in English and Spanish (account language), one catalogue so a
 * translator edits one file. Line descriptions come from the rate engine in English; the
 * phrase table below translates their known parts.
 */
export type Language = 'en' | 'es';

const en = {
  utilityName: 'City of Mesa Utilities',
  utilityTagline: 'Electric · Gas · Water · Wastewater · Solid Waste',
  utilityPhone: 'Customer Service (480) 644-2221',
  utilityWeb: 'mesaaz.gov/utilities',
  remitTo: ['City of Mesa', 'PO Box 1878', 'Mesa AZ 85211-1878'],
  billTitle: 'Your Utility Bill',
  finalBillTitle: 'Your Final Bill',
  lastDayOfService: 'Final bill: last day of service',
  accountNumber: 'Account number',
  customer: 'Customer',
  serviceAddress: 'Service address',
  billDate: 'Bill date',
  servicePeriod: 'Service period',
  days: 'days',
  dueDate: 'Due date',
  amountDue: 'Amount due',
  pleasePayBy: 'Please pay by',
  accountSummary: 'Account summary',
  previousBalance: 'Previous balance',
  paymentsAndCredits: 'Payments and credits since your last bill',
  otherCharges: 'Other charges and adjustments',
  balanceForward: 'Balance forward',
  pastDueNow: 'past due, please pay now',
  totalCurrentCharges: 'Total current charges',
  currentCharges: 'Current charges',
  taxes: 'Taxes',
  totalAmountDue: 'Total amount due',
  budgetAmountDue: 'Budget billing this month',
  budgetDeferredNow: 'Held over under budget billing',
  budgetInstalment: 'monthly instalment',
  budgetSettlement: 'annual settlement',
  budgetDeferred: 'Charges deferred under budget billing after this bill',
  seasonalHold: 'Seasonal hold',
  seasonalHoldOff: 'off',
  seasonalHoldNote:
    'Electric and gas are not charged while off; water, wastewater and solid-waste service charges continue.',
  cancelled: 'CANCELLED — this bill was replaced',
  chargesDetail: 'Charges by service',
  meter: 'Meter',
  removedMeter: 'removed',
  previousRead: 'Previous read',
  currentRead: 'Current read',
  usage: 'Usage',
  totalUsage: 'Total usage',
  estimated: 'estimated',
  description: 'Description',
  quantity: 'Quantity',
  amount: 'Amount',
  subtotal: 'Subtotal',
  usageHistory: '13-month usage',
  dailyAverage: 'Daily average',
  thisPeriod: 'This period',
  lastYear: 'Same month last year',
  noHistory: 'no reads',
  tipTitle: 'Saving tip',
  stubTitle: 'Please return this portion with your payment',
  amountEnclosed: 'Amount enclosed',
  payableTo: 'Make checks payable to City of Mesa',
  page: 'Page',
  of: 'of',
  lateFeeNote:
    'A late fee of 2% of the past-due balance or $5, whichever is greater, applies one day after the due date (not under $25).',
  emailSubject: 'Your City of Mesa utility bill',
  emailGreeting: 'Dear',
  emailBody:
    'Your utility bill is attached as a PDF. Amount due: {amount}, due {due}. Thank you for going paperless.',
  emailSignature: 'City of Mesa Utilities',
  services: {
    electric: 'Electric',
    gas: 'Gas',
    water: 'Water',
    wastewater: 'Wastewater',
    solid_waste: 'Solid waste',
    irrigation: 'Irrigation',
    hydrant: 'Hydrant meter',
    account: 'Account charges',
  } as Record<string, string>,
  units: { gallon: 'gal', kwh: 'kWh', therm: 'therms', kw: 'kW' } as Record<string, string>,
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

export type Messages = typeof en;

const es: Messages = {
  utilityName: 'Servicios Públicos de la Ciudad de Mesa',
  utilityTagline: 'Electricidad · Gas · Agua · Aguas residuales · Residuos sólidos',
  utilityPhone: 'Servicio al Cliente (480) 644-2221',
  utilityWeb: 'mesaaz.gov/utilities',
  remitTo: ['City of Mesa', 'PO Box 1878', 'Mesa AZ 85211-1878'],
  billTitle: 'Su factura de servicios',
  finalBillTitle: 'Su factura final',
  lastDayOfService: 'Factura final: último día de servicio',
  accountNumber: 'Número de cuenta',
  customer: 'Cliente',
  serviceAddress: 'Dirección del servicio',
  billDate: 'Fecha de factura',
  servicePeriod: 'Periodo de servicio',
  days: 'días',
  dueDate: 'Fecha de vencimiento',
  amountDue: 'Monto a pagar',
  pleasePayBy: 'Pague antes del',
  accountSummary: 'Resumen de la cuenta',
  previousBalance: 'Saldo anterior',
  paymentsAndCredits: 'Pagos y créditos desde su última factura',
  otherCharges: 'Otros cargos y ajustes',
  balanceForward: 'Saldo pendiente',
  pastDueNow: 'vencido, por favor pague ahora',
  totalCurrentCharges: 'Total de cargos actuales',
  currentCharges: 'Cargos actuales',
  taxes: 'Impuestos',
  totalAmountDue: 'Total a pagar',
  budgetAmountDue: 'Facturación presupuestada de este mes',
  budgetDeferredNow: 'Diferido por la facturación presupuestada',
  budgetInstalment: 'cuota mensual',
  budgetSettlement: 'ajuste anual',
  budgetDeferred: 'Cargos diferidos en la facturación presupuestada después de esta factura',
  seasonalHold: 'Suspensión de temporada',
  seasonalHoldOff: 'desconectado',
  seasonalHoldNote:
    'La electricidad y el gas no se cobran mientras están desconectados; los cargos de servicio de agua, aguas residuales y residuos sólidos continúan.',
  cancelled: 'CANCELADA — esta factura fue reemplazada',
  chargesDetail: 'Cargos por servicio',
  meter: 'Medidor',
  removedMeter: 'retirado',
  previousRead: 'Lectura anterior',
  currentRead: 'Lectura actual',
  usage: 'Consumo',
  totalUsage: 'Consumo total',
  estimated: 'estimada',
  description: 'Descripción',
  quantity: 'Cantidad',
  amount: 'Importe',
  subtotal: 'Subtotal',
  usageHistory: 'Consumo de 13 meses',
  dailyAverage: 'Promedio diario',
  thisPeriod: 'Este periodo',
  lastYear: 'Mismo mes del año pasado',
  noHistory: 'sin lecturas',
  tipTitle: 'Consejo de ahorro',
  stubTitle: 'Devuelva esta parte con su pago',
  amountEnclosed: 'Monto incluido',
  payableTo: 'Cheques a nombre de City of Mesa',
  page: 'Página',
  of: 'de',
  lateFeeNote:
    'Un día después del vencimiento se cobra un cargo por mora del 2% del saldo vencido o $5, lo que sea mayor (no si es menor de $25).',
  emailSubject: 'Su factura de servicios de la Ciudad de Mesa',
  emailGreeting: 'Estimado(a)',
  emailBody:
    'Adjuntamos su factura de servicios en PDF. Monto a pagar: {amount}, vence el {due}. Gracias por usar la factura sin papel.',
  emailSignature: 'Servicios Públicos de la Ciudad de Mesa',
  services: {
    electric: 'Electricidad',
    gas: 'Gas',
    water: 'Agua',
    wastewater: 'Aguas residuales',
    solid_waste: 'Residuos sólidos',
    irrigation: 'Riego',
    hydrant: 'Medidor de hidrante',
    account: 'Cargos de la cuenta',
  },
  units: { gallon: 'gal', kwh: 'kWh', therm: 'termias', kw: 'kW' },
  months: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
};

export function messages(language: Language): Messages {
  return language === 'es' ? es : en;
}

/** English phrases of engine line descriptions and their Spanish, longest first. */
const phrasesEs: readonly (readonly [RegExp, string | ((match: string, g1: string) => string)])[] =
  [
    [/Environmental fee/, 'Cargo ambiental'],
    [/Customer charge/, 'Cargo de cliente'],
    [/Water service charge/, 'Cargo de servicio de agua'],
    [/Sewer service charge/, 'Cargo de servicio de alcantarillado'],
    [
      /Sewer volume on the winter average/,
      'Volumen de alcantarillado según el promedio de invierno',
    ],
    [/Sewer volume/, 'Volumen de alcantarillado'],
    [/Container charge/, 'Cargo por contenedor'],
    [/Front-load bin service/, 'Servicio de contenedor de carga frontal'],
    [
      /Limited-income senior discount 30% of the service charge/,
      'Descuento para personas mayores de bajos ingresos: 30% del cargo de servicio',
    ],
    [/Energy cost adjustment/, 'Ajuste por costo de energía'],
    [/Natural gas cost adjustment/, 'Ajuste por costo de gas natural'],
    [/Demand, distribution/, 'Demanda, distribución'],
    [/Demand, generation/, 'Demanda, generación'],
    [/demand over/, 'demanda mayor de'],
    [/State tax/, 'Impuesto estatal'],
    [/County tax/, 'Impuesto del condado'],
    [/City tax/, 'Impuesto municipal'],
    [/^Irrigation water/, 'Agua de riego'],
    [/^Hydrant water/, 'Agua de hidrante'],
    [/^Water\b/, 'Agua'],
    [/^Energy\b/, 'Energía'],
    [/^Gas\b/, 'Gas'],
    [/hydrant meter/, 'medidor de hidrante'],
    [
      /(\d+)-gal trash \+ recycling barrel, weekly/,
      'Contenedor de basura de $1 gal + reciclaje, semanal',
    ],
    [/\bgallon\b/, 'galones'],
    [/\btherm\b/, 'termias'],
    [
      /\((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\)/,
      (_: string, mon: string) => `(${es.months[en.months.indexOf(mon)]})`,
    ],
    [/\(summer\)/, '(verano)'],
    [/\(winter\)/, '(invierno)'],
    [/\/week/, '/semana'],
    [/, over /, ', más de '],
    [/ on \$/, ' sobre $'],
  ];

/** A bill line's description in the account's language (unknown words stay English). */
export function lineDescription(description: string, language: Language): string {
  if (language === 'en') return description;
  return phrasesEs.reduce(
    (s, [re, to]) => (typeof to === 'string' ? s.replace(re, to) : s.replace(re, to)),
    description,
  );
}

/** `{name}` placeholders filled from `values`. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}
