/** Placeholder: being built (issue 3). */
export function TransferServicePage() {
  return (
    <section className="page">
      <h1>TransferServicePage</h1>
      <p className="muted">This screen is being built.</p>
    </section>
  );
}
