import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { messageOf, type Count, type Drawer } from './cashier-api.ts';
import { DenominationInputs } from './denomination-inputs.tsx';
import { parseDollars } from './money-input.ts';

/** Close the drawer: cash by denomination, the checks' total, the card batch total. */
export function CloseDrawerForm(props: {
  readonly drawer: Drawer;
  readonly onClosed: (d: Drawer) => void;
}) {
  const [count, setCount] = useState<Count>({});
  const [checks, setChecks] = useState('');
  const [cards, setCards] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const checkCents = parseDollars(checks);
    const cardCents = parseDollars(cards);
    if (checkCents === null) return setError('Checks total: enter dollars and cents');
    if (cardCents === null) return setError('Card batch total: enter dollars and cents');
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/drawers/{drawerId}/close', {
      params: { path: { drawerId: props.drawer.drawerId } },
      body: { cashCount: count, checkCents, cardCents },
    });
    if (err || !data) setError(messageOf(err, response.status));
    else props.onClosed(data as Drawer);
  }
  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">Close drawer</h2>
      <form onSubmit={(e) => void submit(e)}>
        <DenominationInputs
          legend="Cash in the drawer (float included)"
          count={count}
          onChange={setCount}
        />
        <div className="tender-row">
          <Field
            label="Checks total"
            value={checks}
            onChange={(e) => setChecks(e.target.value)}
            inputMode="decimal"
          />
          <Field
            label="Card batch total"
            value={cards}
            onChange={(e) => setCards(e.target.value)}
            inputMode="decimal"
          />
        </div>
        <FormError message={error} />
        <button type="submit">Close drawer</button>
      </form>
    </section>
  );
}
