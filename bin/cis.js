#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size=64 (MB): a bill run allocates short-lived drafts, lines and COPY text
// by the hundred megabytes; V8's default young generation (16 MB semi-spaces) promotes much of
// it and the old-generation collector then costs about 15 % of the run's node CPU
// (bench/bill-run.ts at 20,000 accounts: 10.5–11.1 → 9.1 CPU s). Costs ≈ 100 MB more RSS,
// constant in the run's size. `npm start` and `npm run bench` pass it too.
// The `cis` command. TypeScript runs through tsx (no build step; docs/decisions/0008).
import { register } from 'tsx/esm/api';

register();
await import('../src/shells/cli/main.ts');
