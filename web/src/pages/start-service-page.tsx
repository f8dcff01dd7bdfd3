import { StartServiceForm } from '../service/start-service-form.tsx';
import '../service/service.css';

/** Start service: a new or existing customer at a premise, with live fees before confirming. */
export function StartServicePage() {
  return (
    <section className="page">
      <h1>Start service</h1>
      <StartServiceForm />
    </section>
  );
}
