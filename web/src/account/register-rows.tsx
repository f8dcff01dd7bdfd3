import { useState } from 'react';
import {
  defaultRegister,
  registerKinds,
  registersMax,
  registerValues,
  regKey,
  valueAt,
} from './meter-change-draft.ts';
import type { MeterForm } from './new-register-fields.tsx';

/**
 * How many registers a new meter gets, with add (the next kind it has not got yet, as the
 * service's usual register) and remove-the-last: a water meter replaced by one with a second
 * register, an electric meter by one that also records demand (kW).
 */
export function useRegisterRows(service: string, initial: number) {
  const [count, setCount] = useState(initial);
  function add(f: MeterForm) {
    const used = new Set(
      Array.from({ length: count }, (_, i) => valueAt(f.values, regKey(i, 'kind'))),
    );
    // An electric meter's second register records demand; otherwise the next kind unused.
    const preferred = service === 'electric' ? ['kwh', 'kw'] : [defaultRegister(service).kind];
    const kind = [...preferred, ...registerKinds].find((k) => !used.has(k)) ?? 'kw';
    const next = { ...defaultRegister(service), kind };
    for (const [key, value] of Object.entries(registerValues([next])))
      f.set(key.replace(/^reg\.0\./, `reg.${count}.`), value);
    setCount(count + 1);
  }
  return { count, add, removeLast: () => setCount(count - 1) };
}

/** The add / remove-the-last buttons under the new registers. */
export function RegisterRowButtons(props: {
  readonly rows: ReturnType<typeof useRegisterRows>;
  readonly form: MeterForm;
}) {
  const { count, add, removeLast } = props.rows;
  return (
    <div className="acct-buttons">
      {count < registersMax ? (
        <button type="button" onClick={() => add(props.form)}>
          Add a register
        </button>
      ) : null}
      {count > 1 ? (
        <button type="button" onClick={removeLast}>
          Remove the last register
        </button>
      ) : null}
    </div>
  );
}
