import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../session.tsx';

/** Navigation entries and the permission each needs: a role sees only what it may use. */
const nav = [
  { href: '/', label: 'Search', permission: 'customers.read' },
  { href: '/service/start', label: 'Start service', permission: 'service.start_stop' },
  { href: '/service/stop', label: 'Stop service', permission: 'service.start_stop' },
  { href: '/service/transfer', label: 'Transfer', permission: 'service.start_stop' },
  { href: '/estimate', label: 'Bill estimator', permission: 'customers.read' },
  { href: '/bill-runs', label: 'Bill runs', permission: 'billing.run' },
  { href: '/adjustments/pending', label: 'Pending adjustments', permission: 'billing.adjust' },
  { href: '/reads/review', label: 'Read review', permission: 'reads.review' },
  { href: '/field-orders', label: 'Field orders', permission: 'orders.complete' },
  { href: '/cashier', label: 'Cashier', permission: 'payments.take' },
  { href: '/deposits', label: 'Deposits', permission: 'drawers.supervise' },
  { href: '/reconciliation', label: 'Reconciliation', permission: 'drawers.supervise' },
  { href: '/unapplied-cash', label: 'Unapplied cash', permission: 'payments.remittance' },
  { href: '/admin/users', label: 'Staff', permission: 'staff.manage' },
] as const;

export function Layout({ children }: { readonly children: ReactNode }) {
  const { principal, can, signOut } = useSession();
  const [location, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);

  // "/" focuses the search box from anywhere, unless the user is typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function search(e: FormEvent) {
    e.preventDefault();
    const q = query.trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          OpenCIS
        </Link>
        {can('customers.read') ? (
          <form role="search" className="global-search" onSubmit={search}>
            <label htmlFor="global-search" className="visually-hidden">
              Search customers
            </label>
            <input
              id="global-search"
              ref={searchRef}
              type="search"
              placeholder="Search name, address, phone, e-mail, account or meter  ( / )"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              maxLength={200}
            />
            <button type="submit">Search</button>
          </form>
        ) : null}
        <div className="user">
          <span title={principal?.roles.join(', ')}>{principal?.displayName}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {nav
            .filter((n) => can(n.permission))
            .map((n) => (
              <li key={n.href}>
                <Link
                  href={n.href}
                  aria-current={location === n.href ? 'page' : undefined}
                  className={location === n.href ? 'active' : undefined}
                >
                  {n.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
