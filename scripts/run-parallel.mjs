#!/usr/bin/env node
// `npm test`'s pretest: runs the npm scripts named as arguments at the same time (the type
// checks and the linter are single-threaded; on a 2-core CI machine side by side they take
// about the longest one's time, not the sum). Each script's output is printed whole when it
// ends, so the reports do not interleave; the exit status is the first failure's, else 0.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code, signal) => {
      const text = Buffer.concat(out).toString();
      const status = code ?? 1;
      process.stdout.write(`> ${script}${status === 0 ? '' : ` failed (${signal ?? status})`}\n`);
      if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(status);
    });
  });
}

const statuses = await Promise.all(scripts.map(run));
process.exit(statuses.find((s) => s !== 0) ?? 0);
