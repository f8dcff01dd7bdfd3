import { StopServiceForm } from '../service/stop-service-form.tsx';
import '../service/service.css';

/** Stop service: the account's services end on a date; the final bill follows. */
export function StopServicePage() {
  return (
    <section className="page">
      <h1>Stop service</h1>
      <StopServiceForm />
    </section>
  );
}
