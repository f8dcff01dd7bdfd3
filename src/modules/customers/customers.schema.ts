import { z } from 'zod';
import { isTimelineCursor } from './timeline.ts';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { noteCategories } from './add-note.ts';
import { idTypes, verificationMethods } from './record-identity-verification.ts';
import { solidWasteBody } from './solid-waste.schema.ts';
import { accountClasses, premiseTypes, services, specialStatusKinds } from './types.ts';

/** HTTP input schemas of the customers routes: validate at the edge, document the API. */
export const localDateSchema = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD')
  .transform((s) => s as LocalDate);
export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idField = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const versionField = z.number().int().positive().max(2_147_483_647);

const name = z.string().trim().min(1).max(limits.nameCharsMax);
const phone = z
  .string()
  .max(30)
  .refine((s) => /^\+?1?[\s.\-()]*(\d[\s.\-()]*){10}$/.test(s), 'a 10-digit US phone number');
const email = z.email().max(254);
const zip = z
  .string()
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, 'a ZIP code: 12345 or 12345-6789');
const state = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, 'a two-letter state code');
const taxId = z
  .string()
  .refine(
    (s) => /^\d{3}-?\d{2}-?\d{4}$|^\d{2}-?\d{7}$/.test(s.trim()),
    'an SSN, ITIN or EIN: 9 digits',
  );

export const customerBody = z
  .object({
    kind: z.enum(['person', 'business']),
    firstName: name.optional(),
    lastName: name.optional(),
    businessName: name.optional(),
    email: email.optional(),
    phone: phone.optional(),
    phoneAlt: phone.optional(),
    language: z.enum(['en', 'es']).optional(),
    taxId: taxId.optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
  })
  .refine((c) => c.kind !== 'person' || c.lastName !== undefined, {
    message: 'required for a person',
    path: ['lastName'],
  })
  .refine((c) => c.kind !== 'business' || c.businessName !== undefined, {
    message: 'required for a business',
    path: ['businessName'],
  });

export const customerPatchBody = z.object({
  expectedVersion: versionField,
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  phoneAlt: phone.nullable().optional(),
  language: z.enum(['en', 'es']).optional(),
});

export const premiseBody = z.object({
  addressLine1: z.string().trim().min(3).max(200),
  unit: z.string().trim().min(1).max(20).optional(),
  city: z.string().trim().min(1).max(100),
  state: state.optional(),
  zip,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  parcel: z.string().trim().min(1).max(40).optional(),
  premiseType: z.enum(premiseTypes),
  cycle: z.number().int().min(1).max(16),
  electricTerritory: z.boolean().optional(),
  gasTerritory: z.boolean().optional(),
});

export const mailingAddressSchema = z.object({
  line1: z.string().trim().min(3).max(200),
  line2: z.string().trim().max(200).nullable().default(null),
  city: z.string().trim().min(1).max(100),
  state,
  zip,
});

export const accountBody = z.object({
  customerId: idField,
  accountClass: z.enum(accountClasses),
  premiseId: idField,
  mailingAddress: mailingAddressSchema.optional(),
  paperless: z.boolean().optional(),
});

const contact = z.object({
  name,
  relationship: z.enum([
    'spouse',
    'property_manager',
    'authorized_user',
    'roommate',
    'relative',
    'attorney',
    'other',
  ]),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  mayDiscuss: z.boolean().optional(),
});

export const contactsBody = z.object({
  expectedVersion: versionField,
  add: z.array(contact).max(20).optional(),
  update: z
    .array(contact.extend({ contactId: idField }))
    .max(20)
    .optional(),
  remove: z.array(idField).max(20).optional(),
});

export const mailingAddressBody = z.object({
  expectedVersion: versionField,
  address: mailingAddressSchema,
});
export const dueDayBody = z.object({
  expectedVersion: versionField,
  dueDay: z.number().int().min(1).max(28).nullable(),
});
export const paperlessBody = z.object({ expectedVersion: versionField, paperless: z.boolean() });
export const noteBody = z.object({
  category: z.enum(noteCategories).default('general'),
  body: z.string().trim().min(1).max(limits.noteCharsMax),
});
export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
  before: z.string().refine(isTimelineCursor, 'the nextBefore of the previous page').optional(),
});

const reason = z.string().trim().min(3).max(500);
export const statusBody = z.object({
  startsOn: localDateSchema.optional(),
  reason,
  details: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('bankruptcy'),
      caseNumber: z.string().trim().min(3).max(40),
      chapter: z.union([z.literal(7), z.literal(11), z.literal(13)]),
    }),
    z.object({
      status: z.literal('medical_certificate'),
      certificateNumber: z.string().trim().min(1).max(40),
      expiresOn: localDateSchema,
    }),
    z.object({ status: z.literal('cash_only'), endsOn: localDateSchema }),
    z.object({ status: z.literal('deceased'), dateOfDeath: localDateSchema }),
    z.object({
      status: z.literal('landlord_agreement'),
      premiseIds: z.array(idField).min(1).max(500),
    }),
  ]),
});
export const statusParams = z.object({ accountId: idParam, status: z.enum(specialStatusKinds) });
export const clearStatusQuery = z.object({ reason });

export const identityBody = z.object({
  idType: z.enum(idTypes),
  idNumber: z
    .string()
    .trim()
    .min(4)
    .max(40)
    .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces, dashes'),
  issuer: z.string().trim().min(2).max(40).optional(),
  method: z.enum(verificationMethods),
  leaseChecked: z.boolean().default(false),
});

const serviceRequest = z.object({
  service: z.enum(services),
  rateSchedule: z.string().trim().min(1).max(20).optional(),
  meterNumber: z.string().trim().min(1).max(30).optional(),
  meterSize: z.string().trim().min(1).max(10).optional(),
  bins: solidWasteBody.optional(),
});

export const startBody = z
  .object({
    customerId: idField.optional(),
    newCustomer: customerBody.optional(),
    accountId: idField.optional(),
    accountClass: z.enum(accountClasses).optional(),
    mailingAddress: mailingAddressSchema.optional(),
    premiseId: idField,
    services: z
      .array(serviceRequest)
      .min(1)
      .max(services.length)
      .refine(
        (l) => new Set(l.map((s) => s.service)).size === l.length,
        'each service at most once',
      ),
    startDate: localDateSchema,
    sameDay: z.boolean().optional(),
    identity: identityBody.optional(),
    fraudOverride: z.object({ reason }).optional(),
    acceptDeposit: z.boolean().optional(),
  })
  .refine((b) => [b.customerId, b.newCustomer, b.accountId].some((x) => x !== undefined), {
    message: 'give customerId, newCustomer or accountId',
    path: ['customerId'],
  })
  .refine(
    (b) => b.newCustomer === undefined || (b.customerId === undefined && b.accountId === undefined),
    {
      message: 'newCustomer cannot be combined with customerId or accountId',
      path: ['newCustomer'],
    },
  );

export const stopBody = z.object({
  accountId: idField,
  agreementIds: z.array(idField).min(1).max(20).optional(),
  services: z.array(z.enum(services)).min(1).max(services.length).optional(),
  stopDate: localDateSchema,
  reason,
});

export const transferBody = z.object({
  fromAccountId: idField,
  toPremiseId: idField,
  stopDate: localDateSchema,
  startDate: localDateSchema,
  services: z.array(z.enum(services)).min(1).max(services.length).optional(),
  sameDay: z.boolean().optional(),
  fraudOverride: z.object({ reason }).optional(),
  acceptDeposit: z.boolean().optional(),
});

export const premiseSearchQuery = z.object({
  address: z.string().trim().min(2).max(limits.searchQueryCharsMax),
});
