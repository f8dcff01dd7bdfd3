/** Placeholder: being built (issue 3). */
export function AccountPage(_props: { readonly accountId: number }) {
  return (
    <section className="page">
      <h1>AccountPage</h1>
      <p className="muted">This screen is being built.</p>
    </section>
  );
}
