/** Placeholder: being built (issue 3). */
export function StaffAdminPage() {
  return (
    <section className="page">
      <h1>StaffAdminPage</h1>
      <p className="muted">This screen is being built.</p>
    </section>
  );
}
