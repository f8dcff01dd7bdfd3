import type { AppContext } from './route-spec.ts';

/**
 * What a person sees at `/` until the agent web app (issue 3) is served there: what this
 * server is, where the API and its docs are, and — in demo mode only — how to log in.
 */
export function landingPage(ctx: AppContext): string {
  const demo = ctx.demo
    ? `<p>Demo mode: log in with <code>csr1</code>, <code>csr2</code>, <code>supervisor</code>,
       <code>cashier</code>, <code>dispatcher</code>, <code>tech</code>, <code>solidwaste</code>
       or <code>admin</code>, password <code>demo</code> (POST /api/session).</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OpenCIS</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
code{background:#eef1f4;padding:0 .25rem;border-radius:3px}a{color:#0b5cad}</style></head>
<body><h1>OpenCIS</h1>
<p>Customer information and billing for city-run utilities. This server answers the HTTP API;
the agent desk web app arrives with the next release.</p>
<ul><li><a href="/docs">API documentation</a> (interactive)</li>
<li><a href="/openapi.json">OpenAPI document</a></li>
<li><a href="/healthz">Health</a> — database: ${ctx.db.engine}</li></ul>
${demo}
</body></html>`;
}
