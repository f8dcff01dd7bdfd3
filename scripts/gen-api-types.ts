// Writes web/src/api/schema.d.ts: the TypeScript types of the HTTP API, generated from the
// OpenAPI document the server builds from its route specs. The web app's API client uses
// them, so a change to a route's schema is a type error in the UI, not a runtime surprise.
// `npm run gen:api` after changing a route; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { apiTypesSource } from './api-types-source.ts';

const target = new URL('../web/src/api/schema.d.ts', import.meta.url);
writeFileSync(target, await apiTypesSource());
console.log(`wrote ${target.pathname}`);
