#!/usr/bin/env node
// `npm run test:clean-templates`: drops every PostgreSQL test template (cis_tpl_*) and leftover
// test database (cis_test_*). Run it only when no test run is using the server.
import pg from 'pg';

const adminUrl =
  process.env.TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
const r = await client.query(
  "SELECT datname FROM pg_database WHERE datname LIKE 'cis\\_tpl\\_%' OR datname LIKE 'cis\\_test\\_%'",
);
for (const { datname } of r.rows) {
  await client.query(`ALTER DATABASE ${datname} IS_TEMPLATE false`);
  await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  console.log(`dropped ${datname}`);
}
await client.end();
