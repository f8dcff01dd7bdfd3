/**
 * The `customers` module's public surface (ACC-1 … ACC-5, ACC-7): persons and businesses,
 * premises, accounts, service agreements, start/stop/transfer of service, identity and
 * fraud signals, account changes, notes, the account timeline, special statuses.
 * Search (ACC-6) lives in the search*.ts files and is exported here too.
 * See README.md for tables, invariants and error codes.
 */
export {
  accountClasses,
  premiseTypes,
  services,
  specialStatusKinds,
  type AccountClass,
  type AccountStatus,
  type AgreementStatus,
  type MailingAddress,
  type PremiseType,
  type Service,
  type ServiceContext,
  type SpecialStatusKind,
} from './types.ts';
export { createCustomer, displayNameOf, type NewCustomer } from './create-customer.ts';
export { updateCustomer, type CustomerContactChange } from './update-customer.ts';
export { getCustomer, type CustomerView } from './get-customer.ts';
export { createPremise, type NewPremise } from './create-premise.ts';
export {
  findPremisesByAddress,
  getPremise,
  type PremiseSummary,
  type PremiseView,
} from './get-premise.ts';
export { openAccount, type OpenAccountInput } from './open-account.ts';
export { lockAccount, type LockedAccount } from './account-lock.ts';
export { getAccountOverview, type AccountOverview } from './get-account-overview.ts';
export {
  accountFacts,
  accountFactsJsonSql,
  accountFactsOfJson,
  type AccountFacts,
} from './account-facts.ts';
export { changeMailingAddress } from './change-mailing-address.ts';
export {
  changeContacts,
  type AccountContactInput,
  type ChangeContactsInput,
} from './change-contacts.ts';
export { changeDueDay, dueDayRefusal, selectDueDatePolicy } from './change-due-day.ts';
export { setPaperless } from './set-paperless.ts';
export { addNote, noteCategories, type NoteCategory } from './add-note.ts';
export {
  getTimeline,
  recordTimelineEvent,
  type TimelineEvent,
  type TimelineEventInput,
  type TimelinePage,
} from './timeline.ts';
export {
  clearSpecialStatus,
  medicalCertificateMonthsMax,
  setSpecialStatus,
  type SpecialStatusInput,
} from './special-statuses.ts';
export {
  idTypes,
  recordIdentityVerification,
  verificationMethods,
  type IdType,
  type IdentityInput,
  type VerificationMethod,
} from './record-identity-verification.ts';
export {
  decideFraud,
  fraudPolicy,
  fraudSignals,
  type FraudAction,
  type FraudDecision,
  type FraudFacts,
  type FraudSignal,
} from './fraud-signals.ts';
export {
  activeAgreementsOf,
  billableAccountIds,
  billableAgreementsOf,
  type ActiveAgreement,
  type BillableAgreement,
  type BillableAccountsPage,
} from './billable-accounts.ts';
export { defaultRateSchedule } from './rate-schedule-defaults.ts';
export {
  devPiiKey,
  digitsOnly,
  hashIdNumber,
  hashTaxId,
  lastFour,
  maskIdNumber,
  maskTaxId,
  normaliseIdNumber,
  normalisePhone,
} from './pii.ts';
export type { ServiceRequest, StartServiceInput } from './start-service-plan.ts';
export { previewStart, type StartPreview } from './preview-start.ts';
export { startService, type StartServiceCode, type StartServiceResult } from './start-service.ts';
export { stopService, type StopServiceInput, type StopServiceResult } from './stop-service.ts';
export {
  transferService,
  type TransferServiceInput,
  type TransferServiceResult,
} from './transfer-service.ts';
export { customerRoutes } from './customers.routes.ts';
export { serviceRoutes } from './service.routes.ts';
export type { ServiceChange, ServiceChangeFollowUp, ServiceChangeOrder } from './service-change.ts';
export {
  containerSchedules,
  setSolidWasteService,
  solidWasteServicesOf,
  type SetSolidWasteCode,
  type SolidWasteDetails,
  type SolidWasteService,
} from './solid-waste-service.ts';
export { solidWasteRoutes } from './solid-waste.routes.ts';

// Search (ACC-6)
export { searchAccounts, type SearchHit, type SearchMatch, type SearchInput } from './search.ts';
export { searchRoutes } from './search.routes.ts';
export { rebuildSearchDocuments, refreshSearchDocuments } from './search-documents.ts';

// Meters (metering, issue 4): the premise and account of a meter, hydrant agreements
export {
  activeAgreementWithoutMeter,
  metersWithoutService,
  meterLinks,
  placeLinks,
  metersOfAccount,
  openHydrantAgreement,
  premiseIdsInCycle,
  servicesWithoutMeter,
  stopHydrantAgreement,
  type AccountMeter,
  type HydrantAgreementInput,
  type MeterLink,
  type ServiceWithoutMeter,
} from './meter-links.ts';
export {
  closeFinaledAgreements,
  linkAgreementMeter,
  replaceAgreementMeter,
} from './agreement-writes.ts';
