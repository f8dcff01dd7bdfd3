import type { Tx } from '../../db/index.ts';

/**
 * Maintains the derived search tables (migration 0050). Both functions are set-based: one
 * DELETE and two INSERT … SELECT statements whatever the number of accounts.
 *
 * - `refreshSearchDocuments` after any write that changes what search shows for some
 *   accounts (customer name, phone, e-mail, contacts, premise, agreements, status).
 * - `rebuildSearchDocuments` after bulk loads (demo city, conversions).
 */
export async function refreshSearchDocuments(tx: Tx, accountIds: readonly number[]): Promise<void> {
  if (accountIds.length === 0) return;
  const ids = [...new Set(accountIds)];
  await tx.query('DELETE FROM search_document WHERE account_id = ANY($1::int8[])', [ids]);
  await tx.query('DELETE FROM search_key WHERE account_id = ANY($1::int8[])', [ids]);
  await tx.query(documentsSql('a.id = ANY($1::int8[])', 'sa.account_id = ANY($1::int8[])'), [ids]);
  await tx.query(
    keysSql(
      'a.id = ANY($1::int8[])',
      'ac.account_id = ANY($1::int8[])',
      'sa.account_id = ANY($1::int8[])',
    ),
    [ids],
  );
  await tx.query(`${termsSql('account_id = ANY($1::int8[])')} ON CONFLICT DO NOTHING`, [ids]);
}

/** Rebuilds both tables from scratch (inside the caller's transaction). */
export async function rebuildSearchDocuments(tx: Tx): Promise<{ readonly documents: number }> {
  // Sorting and grouping a city's keys in memory instead of in temporary files.
  await tx.query("SET LOCAL work_mem = '64MB'");
  await tx.query('DELETE FROM search_key');
  await tx.query('DELETE FROM search_document');
  const r = await tx.query(documentsSql('true', 'true'));
  await tx.query(keysSql('true', 'true', 'true'));
  await tx.query('DELETE FROM search_term');
  await tx.query(termsSql('true'));
  await tx.query('ANALYZE search_document');
  await tx.query('ANALYZE search_term');
  await tx.query('ANALYZE search_key');
  return { documents: r.rowCount ?? 0 };
}

/** The account's service address: its active agreement's premise, else its latest one. */
function documentsSql(accountFilter: string, agreementFilter: string): string {
  return `
    INSERT INTO search_document (account_id, account_no, customer_name, service_address, status,
      status_rank, is_business, surname, given_name, name_text, house_no, street, phone, email)
    SELECT a.id, a.account_no, c.display_name,
           p.address_line1 || coalesce(', Unit ' || p.unit, ''),
           a.status,
           CASE a.status WHEN 'active' THEN 0 WHEN 'final' THEN 1 WHEN 'written_off' THEN 2 ELSE 3 END,
           c.kind = 'business',
           search_fold(coalesce(c.last_name, c.business_name)),
           search_fold(c.first_name),
           search_fold(coalesce(c.first_name || ' ', '') || coalesce(c.last_name, c.business_name)),
           coalesce(substring(n.line from '^([0-9]+) '), ''),
           regexp_replace(coalesce(n.line, ''), '^[0-9]+ ', ''),
           c.phone, c.email
      FROM account a
      JOIN customer c ON c.id = a.customer_id
      LEFT JOIN (
        SELECT DISTINCT ON (sa.account_id) sa.account_id, pr.address_line1, pr.unit
          FROM service_agreement sa JOIN premise pr ON pr.id = sa.premise_id
         WHERE ${agreementFilter}
         ORDER BY sa.account_id, (sa.status = 'active') DESC, sa.start_date DESC, sa.id DESC
      ) p ON p.account_id = a.id
      -- normalised once per account, not once per agreement (regex work dominates a rebuild)
      CROSS JOIN LATERAL (SELECT search_normalize_address(p.address_line1) AS line) n
     WHERE ${accountFilter}`;
}

/** The fuzzy-match dictionaries: distinct person surnames (with their sound) and streets. */
function termsSql(documentFilter: string): string {
  return `
    INSERT INTO search_term (kind, term, sound, letters, documents)
    SELECT 'surname', surname, coalesce(dmetaphone(surname), ''), search_letters(surname), count(*)
      FROM search_document WHERE NOT is_business AND surname <> '' AND ${documentFilter}
     GROUP BY surname
    UNION ALL
    SELECT 'street', street, '', '', count(*)
      FROM search_document WHERE street <> '' AND ${documentFilter}
     GROUP BY street`;
}

/** Exact identifiers: account digits, phones (10 digits and the last 7), e-mails, meters. */
function keysSql(accountFilter: string, contactFilter: string, agreementFilter: string): string {
  return `
    INSERT INTO search_key (account_id, kind, key)
    SELECT account_id, kind, key FROM (
      SELECT a.id AS account_id, 'account_no' AS kind,
             regexp_replace(a.account_no, '[^0-9]', '', 'g') AS key
        FROM account a WHERE ${accountFilter}
      UNION ALL
      SELECT a.id, x.kind, x.key
        FROM account a JOIN customer c ON c.id = a.customer_id
        CROSS JOIN LATERAL (VALUES ('phone', c.phone), ('phone', right(c.phone, 7)),
          ('phone', c.phone_alt), ('phone', right(c.phone_alt, 7)),
          ('email', lower(btrim(c.email)))) x (kind, key)
       WHERE ${accountFilter}
      UNION ALL
      SELECT ac.account_id, x.kind, x.key
        FROM account_contact ac
        CROSS JOIN LATERAL (VALUES
          ('phone', regexp_replace(ac.phone, '[^0-9]', '', 'g')),
          ('phone', right(regexp_replace(ac.phone, '[^0-9]', '', 'g'), 7)),
          ('email', lower(btrim(ac.email)))) x (kind, key)
       WHERE ac.removed_at IS NULL AND ${contactFilter}
      UNION ALL
      SELECT sa.account_id, 'meter', x.key
        FROM service_agreement sa
        CROSS JOIN LATERAL (VALUES (lower(regexp_replace(sa.meter_number, '[^A-Za-z0-9]', '', 'g'))),
          (regexp_replace(sa.meter_number, '[^0-9]', '', 'g'))) x (key)
       WHERE sa.meter_number IS NOT NULL AND ${agreementFilter}
    ) k
    WHERE key IS NOT NULL AND length(key) >= 3
    GROUP BY key, kind, account_id
    ORDER BY key`; // sorted: the btree fills in order instead of at random
}
