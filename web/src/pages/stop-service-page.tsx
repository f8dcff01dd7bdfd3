/** Placeholder: being built (issue 3). */
export function StopServicePage() {
  return (
    <section className="page">
      <h1>StopServicePage</h1>
      <p className="muted">This screen is being built.</p>
    </section>
  );
}
