import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { apiTypesSource } from '../../scripts/api-types-source.ts';

it('the web app’s API types are generated from the current OpenAPI document', async () => {
  const committed = readFileSync(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
  assert.ok(
    committed === (await apiTypesSource()),
    'web/src/api/schema.d.ts is stale: run `npm run gen:api` and commit it',
  );
});
