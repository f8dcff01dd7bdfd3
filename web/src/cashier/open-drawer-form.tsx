import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { FormError } from '../components/field.tsx';
import { messageOf, type Count, type Drawer } from './cashier-api.ts';
import { DenominationInputs } from './denomination-inputs.tsx';

/** No open drawer: count the float and open one. */
export function OpenDrawerForm(props: { readonly onOpened: (d: Drawer) => void }) {
  const [count, setCount] = useState<Count>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/drawers', {
      body: { floatCount: count },
    });
    if (err || !data) setError(messageOf(err, response.status));
    else props.onOpened(data as Drawer);
  }
  return (
    <section className="card" aria-labelledby="open-heading">
      <h2 id="open-heading">Open your drawer</h2>
      <p>You have no open drawer. Count the float you start with, then open the drawer.</p>
      <form onSubmit={(e) => void submit(e)}>
        <DenominationInputs legend="Float count" count={count} onChange={setCount} />
        <FormError message={error} />
        <button type="submit" className="primary">
          Open drawer
        </button>
      </form>
    </section>
  );
}
