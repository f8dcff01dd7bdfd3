import { TransferServiceForm } from '../service/transfer-service-form.tsx';
import '../service/service.css';

/** Transfer service: move an account's services to a new address in one step. */
export function TransferServicePage() {
  return (
    <section className="page">
      <h1>Transfer service</h1>
      <TransferServiceForm />
    </section>
  );
}
