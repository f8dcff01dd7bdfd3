import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { FormError } from '../components/field.tsx';
import { formatDate, todayIso } from '../format.ts';
import type { ServiceWithoutMeter } from '../reads/use-account-meters.ts';
import { FormButtons } from './controls.tsx';
import {
  defaultRegister,
  meterChecks,
  meterFieldOf,
  registerProblems,
  registersBody,
  registerValues,
  valueAt,
  type MeterFormProps,
  type MeterValues,
} from './meter-change-draft.ts';
import { explained } from './meter-refusals.ts';
import { settleMeterChange } from './settle-meter-change.ts';
import { MeterDateField, MeterNumberAndSize, NewRegisterFields } from './new-register-fields.tsx';
import { RegisterRowButtons, useRegisterRows } from './register-rows.tsx';
import { problemsOf, useForm } from './use-form.ts';

const installable = ['electric', 'gas', 'water', 'irrigation'] as const;
type InstallableService = (typeof installable)[number];
const isInstallable = (s: string): s is InstallableService =>
  (installable as readonly string[]).includes(s);

/**
 * Install a meter on a service that has none (POST /api/meters): the premise and service
 * come from the account's agreement; the clerk gives the date, number, size and registers
 * with their initial readings. The agreement takes the new meter.
 */
export function MeterInstallForm(props: MeterFormProps & { readonly target: ServiceWithoutMeter }) {
  const { target } = props;
  const rows = useRegisterRows(target.service, 1);
  const { count } = rows;
  const f = useForm<MeterValues>(
    {
      date: todayIso(),
      meterNumber: '',
      size: '',
      ...registerValues([defaultRegister(target.service)]),
    },
    (v) =>
      problemsOf({
        date: meterChecks.date(valueAt(v, 'date')),
        meterNumber: meterChecks.meterNumber(valueAt(v, 'meterNumber')),
        size: meterChecks.size(valueAt(v, 'size')),
        ...registerProblems(v, count),
      }),
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    const service = target.service;
    if (!isInstallable(service)) return;
    const meterNumber = valueAt(v, 'meterNumber');
    const size = valueAt(v, 'size');
    const r = await f.submit(
      () =>
        explained(
          api.POST('/api/meters', {
            body: {
              premiseId: target.premiseId,
              meterNumber,
              service,
              ...(size === '' ? {} : { size }),
              installedOn: valueAt(v, 'date'),
              registers: registersBody(v, count),
            },
          }),
        ),
      meterFieldOf,
    );
    await settleMeterChange(
      r,
      form,
      props,
      `Meter ${meterNumber} installed for ${service} on ${formatDate(valueAt(v, 'date'))}.`,
    );
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <div className="row">
        <MeterDateField form={f} label="Install date" />
        <MeterNumberAndSize form={f} numberLabel="Meter number" />
      </div>
      <NewRegisterFields form={f} count={count} />
      <RegisterRowButtons rows={rows} form={f} />
      <FormButtons submit="Install meter" busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
