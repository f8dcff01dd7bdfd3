#!/usr/bin/env node
// The `cis` command. TypeScript runs through tsx (no build step; docs/decisions/0008).
import { register } from 'tsx/esm/api';

register();
await import('../src/shells/cli/main.ts');
