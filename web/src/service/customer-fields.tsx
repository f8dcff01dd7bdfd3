import { Field, SelectField } from '../components/field.tsx';
import type { CustomerDraft, Errors, IdentityDraft } from './customer-draft.ts';

/** Inline new-customer inputs: person or business, names, phone, e-mail, language, tax id. */
export function NewCustomerFields(props: {
  readonly draft: CustomerDraft;
  readonly onChange: (d: CustomerDraft) => void;
  readonly errors: Errors;
}) {
  const d = props.draft;
  const set = (patch: Partial<CustomerDraft>) => props.onChange({ ...d, ...patch });
  return (
    <div className="new-customer">
      <fieldset className="choices inline">
        <legend>New customer is a</legend>
        {(['person', 'business'] as const).map((k) => (
          <div className="check" key={k}>
            <input
              id={`kind-${k}`}
              type="radio"
              name="customer-kind"
              checked={d.kind === k}
              onChange={() => set({ kind: k })}
            />
            <label htmlFor={`kind-${k}`}>{k === 'person' ? 'Person' : 'Business'}</label>
          </div>
        ))}
      </fieldset>
      <div className="row">
        {d.kind === 'person' ? (
          <>
            <Field
              label="First name"
              value={d.firstName}
              maxLength={100}
              autoComplete="off"
              error={props.errors.firstName}
              onChange={(e) => set({ firstName: e.target.value })}
            />
            <Field
              label="Last name"
              value={d.lastName}
              maxLength={100}
              required
              autoComplete="off"
              error={props.errors.lastName}
              onChange={(e) => set({ lastName: e.target.value })}
            />
          </>
        ) : (
          <Field
            label="Business name"
            value={d.businessName}
            maxLength={100}
            required
            autoComplete="off"
            error={props.errors.businessName}
            onChange={(e) => set({ businessName: e.target.value })}
          />
        )}
      </div>
      <div className="row">
        <Field
          label="Phone"
          type="tel"
          value={d.phone}
          maxLength={30}
          autoComplete="off"
          error={props.errors.phone}
          hint="10 digits"
          onChange={(e) => set({ phone: e.target.value })}
        />
        <Field
          label="E-mail"
          type="email"
          value={d.email}
          maxLength={254}
          autoComplete="off"
          error={props.errors.email}
          onChange={(e) => set({ email: e.target.value })}
        />
        <SelectField
          label="Language"
          value={d.language}
          onChange={(v) => set({ language: v === 'es' ? 'es' : 'en' })}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Spanish' },
          ]}
        />
        <Field
          label="SSN or ITIN (optional)"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={d.taxId}
          maxLength={11}
          error={props.errors.taxId}
          hint="Checked for prior balances; stored hashed, shown only as the last four"
          onChange={(e) => set({ taxId: e.target.value })}
        />
      </div>
    </div>
  );
}

const idTypeOptions = [
  ['drivers_license', "Driver's license"],
  ['state_id', 'State ID'],
  ['passport', 'Passport'],
  ['military_id', 'Military ID'],
  ['matricula', 'Matrícula consular'],
  ['tribal_id', 'Tribal ID'],
  ['business_license', 'Business license'],
  ['other', 'Other'],
] as const;
const methodOptions = [
  ['in_person', 'In person'],
  ['id_check_service', 'ID-check service'],
  ['document', 'Document sent in'],
] as const;

/** The optional identity check recorded with the start. */
export function IdentityFields(props: {
  readonly draft: IdentityDraft;
  readonly onChange: (d: IdentityDraft) => void;
  readonly errors: Errors;
}) {
  const d = props.draft;
  const set = (patch: Partial<IdentityDraft>) => props.onChange({ ...d, ...patch });
  return (
    <fieldset className="group">
      <legend>Identity check (optional, recommended)</legend>
      <div className="row">
        <SelectField
          label="ID type"
          value={d.idType}
          onChange={(v) =>
            set({ idType: idTypeOptions.find(([k]) => k === v)?.[0] ?? 'drivers_license' })
          }
          options={idTypeOptions.map(([value, label]) => ({ value, label }))}
        />
        <Field
          label="ID number"
          value={d.idNumber}
          maxLength={40}
          autoComplete="off"
          error={props.errors.idNumber}
          hint="Stored hashed; only the last four are shown"
          onChange={(e) => set({ idNumber: e.target.value })}
        />
        <Field
          label="Issuer"
          value={d.issuer}
          maxLength={40}
          autoComplete="off"
          placeholder="e.g. AZ"
          error={props.errors.issuer}
          onChange={(e) => set({ issuer: e.target.value })}
        />
        <SelectField
          label="Method"
          value={d.method}
          onChange={(v) =>
            set({ method: methodOptions.find(([k]) => k === v)?.[0] ?? 'in_person' })
          }
          options={methodOptions.map(([value, label]) => ({ value, label }))}
        />
      </div>
    </fieldset>
  );
}
