/** Placeholder: being built (issue 3). */
export function StartServicePage() {
  return (
    <section className="page">
      <h1>StartServicePage</h1>
      <p className="muted">This screen is being built.</p>
    </section>
  );
}
